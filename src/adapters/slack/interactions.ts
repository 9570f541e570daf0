import type { App, BlockAction, ButtonAction, RespondFn, webApi } from '@slack/bolt';
import type { Answer, AskContext } from '../../core/index.js';
import type { IntentId } from '../../knowledge/ids.js';
import {
  ACTION_IDS,
  decodeValue,
  FOLLOW_UP_ACTION,
  FOLLOW_UP_QUESTIONS,
  followUpKindOf,
  TOPIC_ACTION,
  TOPIC_QUESTION,
} from './actions.js';
import { type FormattedReference, formatReference, relayOf } from '../../core/citations/reference.js';
import type { CitationStyle } from '../../core/citations/styles.js';
import {
  APOLOGY,
  citeQuestion,
  parseSlashCommand,
  renderCitation,
  renderHelp,
  styleNamed,
} from './command.js';
import { guarded, type HandlerDeps, post } from './handlers.js';
import { describeError } from './log.js';
import { type ActionBody, conversationId, PLATFORM, type Place, placeOfAction, threadKey } from './places.js';
import { renderAnswer, type SlackMessage } from './render.js';

/** `user` is who clicked or typed: the serving layer rate-limits per user (the core ignores it). */
function ask(
  deps: HandlerDeps,
  question: string,
  place: Place | undefined,
  topic: IntentId | null,
  user: string | undefined,
): Answer {
  const context: AskContext = {
    platform: PLATFORM,
    ...(place === undefined ? {} : { conversationId: conversationId(place) }),
    ...(topic === null ? {} : { topic }),
    ...(user === undefined ? {} : { user }),
  };
  return deps.assistant.ask(question, context);
}

/** The answer's sources in the style asked for (citation-js loads on the first engine style). */
async function styledReferences(
  deps: HandlerDeps,
  answer: Answer,
  style: CitationStyle,
): Promise<FormattedReference[]> {
  const kb = deps.assistant.knowledgeBase;
  const out: FormattedReference[] = [];
  for (const id of new Set(answer.citations.map((c) => c.sourceId))) {
    const source = kb.sources.get(id);
    if (source) out.push(await formatReference(source, relayOf(kb, source), style));
  }
  return out;
}

/** An answer only its asker sees can be shared; the button re-asks the question with the answer's topic. */
function shareable(place: Place, question: string): { shareQuestion?: string } {
  return place.kind === 'ephemeral' ? { shareQuestion: question } : {};
}

export function registerInteractions(app: App, deps: HandlerDeps): void {
  const { logger } = deps;

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
      const request = parseSlashCommand(command.text ?? '');
      if (request.kind === 'help') {
        message = renderHelp(ask(deps, 'help', undefined, null, command.user_id), deps.command);
      } else if (request.kind === 'cite') {
        const answer = ask(deps, citeQuestion(request.topic), place, null, command.user_id);
        const style = request.style === undefined ? undefined : styleNamed(request.style);
        const styled = style === undefined ? undefined : await styledReferences(deps, answer, style);
        message = renderCitation(answer, request.topic, request.style, styled);
      } else {
        const answer = ask(deps, request.question, place, null, command.user_id);
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
        if (kind === undefined || value === undefined || place === undefined)
          throw new Error('malformed button');
        const question = FOLLOW_UP_QUESTIONS[kind];
        const answer = ask(deps, question, place, value.topic, body.user?.id);
        await deliver(client, respond, place, renderAnswer(answer, shareable(place, question)));
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
        if (value === undefined || value.topic === null || place === undefined)
          throw new Error('malformed button');
        const answer = ask(deps, TOPIC_QUESTION, place, value.topic, body.user?.id);
        await deliver(client, respond, place, renderAnswer(answer, shareable(place, TOPIC_QUESTION)));
      },
      apology(client, respond, place),
    );
  });

  // "Share in channel": the ephemeral answer, asked again, posted for everyone; the private copy goes.
  app.action<BlockAction<ButtonAction>>(ACTION_IDS.share, async ({ ack, body, action, client, respond }) => {
    await ack();
    const place = placeOfAction(body as ActionBody);
    await guarded(
      logger,
      'share button',
      async () => {
        const value = decodeValue(action.value);
        if (value?.question === undefined || place === undefined) throw new Error('malformed button');
        const { question, topic } = value;
        const message = renderAnswer(ask(deps, question, undefined, topic, body.user?.id), {
          asked: question,
        });
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
        if (ts !== undefined) {
          // The shared message starts a thread: replies there continue this answer's topic.
          const thread: Place = { kind: 'thread', team: place.team, channel: place.channel, threadTs: ts };
          deps.threads.add(threadKey(place.channel, ts));
          // No user: this only seeds the thread's conversation, and must not spend the asker's rate limit.
          ask(deps, question, thread, topic, undefined);
        }
        await respond({ delete_original: true });
      },
      apology(client, respond, place),
    );
  });
}
