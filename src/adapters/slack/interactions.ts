import type { App, BlockAction, ButtonAction, RespondFn, webApi } from '@slack/bolt';
import type { AskContext } from '../../core/index.js';
import { decodeValue, FOLLOW_UP_ACTION, followUpKindOf, TOPIC_ACTION, ACTION_IDS } from './actions.js';
import { APOLOGY, parseSlashCommand, renderCitation, renderHelp } from './command.js';
import { guarded, type HandlerDeps, post } from './handlers.js';
import { describeError } from './log.js';
import { fromSlack } from './mrkdwn.js';
import { type ActionBody, conversationId, PLATFORM, type Place, placeOfAction, threadKey } from './places.js';
import { renderAnswer, type SlackMessage } from './render.js';

/** `user` is who clicked or typed: the serving layer rate-limits per user (the core ignores it). */
function contextOf(place: Place | undefined, user: string | undefined): AskContext {
  return {
    platform: PLATFORM,
    ...(place === undefined ? {} : { conversationId: conversationId(place) }),
    ...(user === undefined ? {} : { user }),
  };
}

export function registerInteractions(app: App, deps: HandlerDeps): void {
  const { logger, assistant } = deps;

  // "/policy …": an answer only the asker sees, returned in the acknowledgement itself.
  app.command(deps.command, async ({ command, ack }) => {
    let message: SlackMessage;
    try {
      const place: Place = {
        kind: 'ephemeral',
        team: command.team_id,
        channel: command.channel_id,
        user: command.user_id,
      };
      // Slack escapes &, < and > in a command's text as in any message.
      const request = parseSlashCommand(fromSlack(command.text ?? ''));
      if (request.kind === 'help') {
        message = renderHelp(assistant.help(contextOf(undefined, command.user_id)), deps.command);
      } else if (request.kind === 'cite') {
        message = renderCitation(await assistant.cite(request.query), request.query);
      } else {
        const answer = await assistant.ask(request.question, contextOf(place, command.user_id));
        message = renderAnswer(answer, { shareQuestion: request.question });
      }
    } catch (error) {
      logger.error({ handler: 'command', err: describeError(error) }, 'slack handler failed');
      message = APOLOGY;
    }
    await ack({ response_type: 'ephemeral', text: message.text, blocks: message.blocks });
  });

  /** Sends a button's answer where the button's message is. */
  const deliver = async (
    client: webApi.WebClient,
    respond: RespondFn,
    place: Place,
    message: SlackMessage,
  ) => {
    if (place.kind === 'ephemeral') {
      await respond({
        response_type: 'ephemeral',
        replace_original: false,
        text: message.text,
        blocks: message.blocks,
      });
      return;
    }
    await post(client, place.channel, message, place.threadTs);
    if (place.kind === 'thread') deps.threads.add(threadKey(place.channel, place.threadTs));
  };

  const apology = (client: webApi.WebClient, respond: RespondFn, place: Place | undefined) => async () => {
    if (place === undefined || place.kind === 'ephemeral') {
      await respond({
        response_type: 'ephemeral',
        replace_original: false,
        text: APOLOGY.text,
        blocks: APOLOGY.blocks,
      });
    } else {
      await post(client, place.channel, APOLOGY, place.threadTs);
    }
  };

  // "Tell me more", "Sources", "Related solutions" / "Related threats": the button's own topic, continued.
  app.action<BlockAction<ButtonAction>>(FOLLOW_UP_ACTION, async ({ ack, body, action, client, respond }) => {
    await ack();
    const place = placeOfAction(body as ActionBody);
    await guarded(
      logger,
      'follow-up button',
      async () => {
        const kind = followUpKindOf(action.action_id);
        const value = decodeValue(action.value);
        if (kind === undefined || value?.topic == null || place === undefined)
          throw new Error('malformed button');
        const answer = await assistant.followUp(kind, value.topic, contextOf(place, body.user?.id));
        await deliver(client, respond, place, renderAnswer(answer, shareable(place)));
      },
      apology(client, respond, place),
    );
  });

  // A "Did you mean" topic: the full answer on exactly that topic.
  app.action<BlockAction<ButtonAction>>(TOPIC_ACTION, async ({ ack, body, action, client, respond }) => {
    await ack();
    const place = placeOfAction(body as ActionBody);
    await guarded(
      logger,
      'topic button',
      async () => {
        const value = decodeValue(action.value);
        if (value?.topic == null || place === undefined) throw new Error('malformed button');
        const answer = await assistant.showTopic(value.topic, contextOf(place, body.user?.id));
        await deliver(client, respond, place, renderAnswer(answer, shareable(place)));
      },
      apology(client, respond, place),
    );
  });

  // "Share in channel": the ephemeral answer, shown again from the topic and view its button
  // carries (the question is not asked again), posted for everyone; the private copy goes.
  app.action<BlockAction<ButtonAction>>(ACTION_IDS.share, async ({ ack, body, action, client, respond }) => {
    await ack();
    const place = placeOfAction(body as ActionBody);
    await guarded(
      logger,
      'share button',
      async () => {
        const value = decodeValue(action.value);
        if (value === undefined || place === undefined) throw new Error('malformed button');
        const { topic, followUp, question } = value;
        const answer =
          topic === null
            ? await assistant.ask(question ?? '', contextOf(undefined, body.user?.id))
            : followUp == null
              ? await assistant.showTopic(topic, contextOf(undefined, body.user?.id))
              : await assistant.followUp(followUp, topic, contextOf(undefined, body.user?.id));
        const message = renderAnswer(answer, question === undefined ? {} : { asked: question });
        let ts: string | undefined;
        try {
          ts = await post(client, place.channel, message);
        } catch (error) {
          const code = (error as { data?: { error?: string } }).data?.error;
          if (code !== 'not_in_channel' && code !== 'channel_not_found') throw error;
          await respond({
            response_type: 'ephemeral',
            replace_original: false,
            text: 'I cannot post in this conversation. Invite me first (`/invite @policybot`), then share again.',
          });
          return;
        }
        if (ts !== undefined && answer.topic !== null) {
          // The shared message starts a thread: replies there continue this answer's topic.
          const thread: Place = { kind: 'thread', team: place.team, channel: place.channel, threadTs: ts };
          deps.threads.add(threadKey(place.channel, ts));
          await assistant.remember(answer.topic, contextOf(thread, undefined));
        }
        await respond({ delete_original: true });
      },
      apology(client, respond, place),
    );
  });
}

/** An answer only its asker sees can be shared. */
function shareable(place: Place): { shareQuestion?: string } {
  return place.kind === 'ephemeral' ? { shareQuestion: '' } : {};
}
