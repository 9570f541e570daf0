import { randomUUID } from 'node:crypto';
import type { App, BlockAction, ButtonAction, RespondFn, webApi } from '@slack/bolt';
import type { CitationStyle } from '../../core/citations/styles.js';
import { type Answer, type AskContext, feedbackReply } from '../../core/index.js';
import {
  ACTION_IDS,
  decodeValue,
  FEEDBACK_ACTION,
  FOLLOW_UP_ACTION,
  feedbackOf,
  followUpKindOf,
  TOPIC_ACTION,
} from './actions.js';
import { APOLOGY, parseSlashCommand, renderCitation, renderHelp } from './command.js';
import { guarded, type HandlerDeps } from './handlers.js';
import { describeError } from './log.js';
import { fromSlack } from './mrkdwn.js';
import { rememberAnswer, styleOf } from './people.js';
import { type ActionBody, conversationId, PLATFORM, type Place, placeOfAction, threadKey } from './places.js';
import { filesGoTo, filesToPoster, uploadFiles } from './files.js';
import { renderAnswer, type SlackMessage } from './render.js';
import { renderVerification } from './quote-check.js';

/** `user` is who clicked or typed: the serving layer rate-limits per user (the core ignores it). */
function contextOf(place: Place | undefined, user: string | undefined, style?: CitationStyle): AskContext {
  return {
    platform: PLATFORM,
    ...(place === undefined ? {} : { conversationId: conversationId(place) }),
    ...(user === undefined ? {} : { user }),
    // The person's own default citation style (their Home tab), where they chose one.
    ...(style === undefined ? {} : { style }),
  };
}

export function registerInteractions(app: App, deps: HandlerDeps): void {
  const { logger, assistant } = deps;

  // "/policy …": an answer only the asker sees, returned in the acknowledgement itself.
  app.command(deps.command, async ({ command, ack, client }) => {
    let message: SlackMessage;
    const place: Place = {
      kind: 'ephemeral',
      team: command.team_id,
      channel: command.channel_id,
      user: command.user_id,
    };
    try {
      // Slack escapes &, < and > in a command's text as in any message.
      const request = parseSlashCommand(fromSlack(command.text ?? ''));
      const style = await styleOf(deps, command.team_id, command.user_id);
      if (request.kind === 'help') {
        message = renderHelp(assistant.help(contextOf(undefined, command.user_id)), deps.command);
      } else if (request.kind === 'check') {
        message = renderVerification(
          await assistant.verify(request.text, style, contextOf(undefined, command.user_id)),
        );
      } else if (request.kind === 'cite') {
        message = renderCitation(
          await assistant.cite(request.query, undefined, contextOf(undefined, command.user_id, style)),
          request.query,
        );
      } else {
        const answer = await assistant.ask(request.question, contextOf(place, command.user_id, style));
        message = renderAnswer(answer, {
          ...(await shareable(deps, place, answer, request.question)),
          files: filesGoTo(place),
        });
        await rememberAnswer(deps, command.team_id, command.user_id, answer);
      }
    } catch (error) {
      logger.error({ handler: 'command', err: describeError(error) }, 'slack handler failed');
      message = APOLOGY;
    }
    await ack({ response_type: 'ephemeral', text: message.text, blocks: message.blocks });
    // Its files (a bibliography's, a record too long for a section), once it is acknowledged.
    const files = message.files ?? [];
    if (files.length > 0) await guarded(logger, 'command files', () => uploadFiles(client, place, files));
  });

  /**
   * Sends a button's answer where the button's message is: in its thread, or through the click's
   * response_url where the bot is not a member (a message shared through one), so it still arrives.
   */
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
      await uploadFiles(client, place, message.files ?? []);
      return;
    }
    try {
      await deps.outbox.post(client, place.channel, message, place.threadTs);
    } catch (error) {
      if (!cannotPostHere(error)) throw error;
      await respond({
        response_type: 'in_channel',
        replace_original: false,
        ...(place.threadTs === undefined ? {} : { thread_ts: place.threadTs }),
        text: message.text,
        blocks: message.blocks,
      });
      return;
    }
    await uploadFiles(client, place, message.files ?? []);
    if (place.kind === 'thread') await deps.threads.add(threadKey(place.channel, place.threadTs));
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
      await deliver(client, respond, place, APOLOGY);
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
        const style = await styleOf(deps, place.team, body.user?.id);
        const answer = await assistant.followUp(kind, value.topic, contextOf(place, body.user?.id, style));
        await deliver(client, respond, place, renderAnswer(answer, await shareable(deps, place, answer)));
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
        const style = await styleOf(deps, place.team, body.user?.id);
        const answer = await assistant.showTopic(value.topic, contextOf(place, body.user?.id, style));
        await deliver(client, respond, place, renderAnswer(answer, await shareable(deps, place, answer)));
      },
      apology(client, respond, place),
    );
  });

  // The conversation's bibliography: the conversation this button's message is in (its thread, the
  // DM, or the presser's own /policy answers here), every source once, and its files uploaded.
  app.action<BlockAction<ButtonAction>>(ACTION_IDS.bibliography, async ({ ack, body, client, respond }) => {
    await ack();
    const place = placeOfAction(body as ActionBody);
    await guarded(
      logger,
      'bibliography button',
      async () => {
        if (place === undefined) throw new Error('malformed button');
        const style = await styleOf(deps, place.team, body.user?.id);
        const answer = await assistant.showBibliography(contextOf(place, body.user?.id, style));
        const message = renderAnswer(answer, {
          ...(await shareable(deps, place, answer)),
          files: filesGoTo(place),
        });
        await deliver(client, respond, place, message);
      },
      apology(client, respond, place),
    );
  });

  // "Helpful" / "Not helpful": recorded for the curators, acknowledged to whoever clicked alone;
  // the answer is left as it was (replace_original: false).
  app.action<BlockAction<ButtonAction>>(FEEDBACK_ACTION, async ({ ack, body, action, client, respond }) => {
    await ack();
    const place = placeOfAction(body as ActionBody);
    await guarded(
      logger,
      'feedback button',
      async () => {
        const mark = feedbackOf(action.action_id, action.value);
        if (mark === undefined) throw new Error('malformed button');
        const result =
          deps.feedback === undefined
            ? 'unknown'
            : await deps.feedback.feedback(mark.ref, mark.value, contextOf(undefined, body.user?.id));
        await respond({
          response_type: 'ephemeral',
          replace_original: false,
          text: feedbackReply(mark.value, result),
        });
      },
      apology(client, respond, place),
    );
  });

  // "Share in channel": the ephemeral answer, exactly as it was given (kept whole under the
  // reference its button carries: its style, every quote, a decline as a decline; nothing is asked
  // again), posted for everyone; the private copy goes. Posted by the bot where it is a member, so
  // it hears the thread's replies and says they continue the answer; elsewhere (a private channel
  // or a DM it is not in) through the click's response_url, which reaches any conversation the
  // command was used in, saying how to continue instead.
  app.action<BlockAction<ButtonAction>>(ACTION_IDS.share, async ({ ack, body, action, client, respond }) => {
    await ack();
    const place = placeOfAction(body as ActionBody);
    await guarded(
      logger,
      'share button',
      async () => {
        const value = decodeValue(action.value);
        if (value === undefined || place === undefined) throw new Error('malformed button');
        const { question, ref } = value;
        const answer = ref === undefined ? undefined : await deps.kept.find(ref);
        if (answer === undefined) {
          // Expired (kept a day), or a button from before answers were kept: said to the person
          // alone, and their private answer stays where it is.
          await respond({
            response_type: 'ephemeral',
            replace_original: false,
            text: expiredShare(deps.command),
          });
          return;
        }
        const asked = question === undefined ? {} : { asked: question };
        const continues = answer.topic !== null;
        let ts: string | undefined;
        const shared = renderAnswer(answer, { ...asked, ...(continues ? { note: THREAD_NOTE } : {}) });
        try {
          ts = await deps.outbox.post(client, place.channel, shared);
        } catch (error) {
          if (!cannotPostHere(error)) throw error;
          const message = renderAnswer(answer, {
            ...asked,
            note: inviteNote(deps.command),
            // Not a member, the bot cannot upload here either.
            files: 'not-sent',
          });
          await respond({
            response_type: 'in_channel',
            replace_original: false,
            text: message.text,
            blocks: message.blocks,
          });
          if (place.kind === 'ephemeral') await filesToPoster(client, respond, place, answer);
        }
        if (ts !== undefined)
          await uploadFiles(
            client,
            { kind: 'thread', team: place.team, channel: place.channel, threadTs: ts },
            shared.files ?? [],
          );
        if (ts !== undefined && answer.topic !== null) {
          // The shared message starts a thread the bot hears: replies there continue this answer's topic.
          const thread: Place = { kind: 'thread', team: place.team, channel: place.channel, threadTs: ts };
          await deps.threads.add(threadKey(place.channel, ts));
          await assistant.remember(answer.topic, contextOf(thread, undefined));
        }
        await respond({ delete_original: true });
      },
      apology(client, respond, place),
    );
  });
}

/** Under a shared answer the bot can follow: what a reply in its thread does. */
const THREAD_NOTE =
  'Reply in this thread to continue: _tell me more_, _source?_, _what should we do about it?_';

/** Under one shared where the bot is not a member: it cannot read the replies, so it says how to reach it. */
function inviteNote(command: string): string {
  return `I am not in this conversation, so I cannot read replies here: \`/invite @policybot\` to continue in a thread, or ask me with \`${command}\`.`;
}

/** Slack's answer to a post where the bot is not a member: not_in_channel, or a conversation it cannot see. */
export function cannotPostHere(error: unknown): boolean {
  const code = (error as { data?: { error?: string } }).data?.error;
  return code === 'not_in_channel' || code === 'channel_not_found';
}

/**
 * An answer only its asker sees can be shared: it is kept whole under its reference (the serving
 * layer's, or one of its own where there is none), which the Share button carries.
 */
async function shareable(
  deps: HandlerDeps,
  place: Place,
  answer: Answer,
  question = '',
): Promise<{ shareQuestion?: string; shareRef?: string }> {
  if (place.kind !== 'ephemeral' || answer.kind === 'rate-limited') return {};
  const ref = answer.ref ?? randomUUID();
  await deps.kept.keep(ref, answer);
  return { shareQuestion: question, shareRef: ref };
}

/** A Share click on an answer no longer kept: said plainly, never answered by asking again. */
export function expiredShare(command: string): string {
  return `That answer is no longer kept (answers can be shared for a day after they are given), so I cannot share it as it was. Ask again with \`${command}\` and share the new answer.`;
}
