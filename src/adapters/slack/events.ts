import type { App, Context, webApi } from '@slack/bolt';
import { asksToVerify } from '../../core/verify/request.js';
import { APOLOGY, renderHelp } from './command.js';
import { guarded, type HandlerDeps } from './handlers.js';
import { fromSlack } from './mrkdwn.js';
import { rememberAnswer, styleOf } from './people.js';
import { conversationId, isDirectMessage, PLATFORM, type Place, threadKey } from './places.js';
import { uploadFiles } from './files.js';
import { renderAnswer } from './render.js';
import { renderVerification } from './quote-check.js';

/** The fields of a message or app_mention event that matter here. */
interface MessageView {
  readonly subtype?: string;
  readonly channel?: string;
  readonly channel_type?: string;
  readonly user?: string;
  readonly bot_id?: string;
  readonly text?: string;
  readonly ts?: string;
  readonly thread_ts?: string;
  readonly edited?: unknown;
}

/** Message subtypes that are still a person writing; every other (edits, deletions, joins, bots) is ignored. */
const PERSON_SUBTYPES: ReadonlySet<string | undefined> = new Set([
  undefined,
  'thread_broadcast',
  'file_share',
]);

function fromPerson(m: MessageView): boolean {
  return (
    PERSON_SUBTYPES.has(m.subtype) && m.bot_id === undefined && m.user !== undefined && m.edited === undefined
  );
}

/** The question as the person typed it: without mentions of the bot, markup made plain, decoded. */
export function questionFrom(text: string, botUserId: string | undefined): string {
  const mention =
    botUserId === undefined
      ? /^\s*<@[A-Z0-9]+(?:\|[^<>]*)?>/g
      : // Never past the next "<": "<@UBOT|" repeated without ">" must not rescan the rest each time.
        new RegExp(`<@${botUserId}(?:\\|[^<>]*)?>`, 'g');
  return fromSlack(text.replace(mention, ' ')).replace(/\s+/g, ' ').trim();
}

function teamOf(context: Context, body: unknown): string {
  return context.teamId ?? (body as { team_id?: string }).team_id ?? '';
}

export function registerEvents(app: App, deps: HandlerDeps): void {
  const { assistant, logger } = deps;

  /** Answers in a place; `quiet` stays silent when the core has nothing (a thread reply maybe not for us). */
  const answer = async (
    client: webApi.WebClient,
    place: Place,
    question: string,
    user: string | undefined,
    quiet = false,
  ): Promise<void> => {
    // The asker, for per-user rate limiting in the serving layer (the core ignores it).
    const who = user === undefined ? {} : { user };
    const threadTs = place.kind === 'ephemeral' ? undefined : place.threadTs;
    await guarded(
      logger,
      'message',
      async () => {
        if (question === '') {
          await deps.outbox.post(
            client,
            place.channel,
            renderHelp(assistant.help({ platform: PLATFORM, ...who }), deps.command),
            threadTs,
          );
          return;
        }
        const style = await styleOf(deps, place.team, user);
        // A pasted paragraph with quotations (or "check these quotes: “…”") is checked, not
        // answered: the core reads that from the message's structure, as every surface does. Not
        // in a thread the bot only follows, where people may quote each other among themselves.
        if (!quiet && asksToVerify(question)) {
          const checked = await assistant.verify(question, style, { platform: PLATFORM, ...who });
          await deps.outbox.post(client, place.channel, renderVerification(checked), threadTs);
          return;
        }
        const result = await assistant.ask(question, {
          conversationId: conversationId(place),
          platform: PLATFORM,
          ...who,
          // The asker's own default citation style (their Home tab), where they chose one.
          ...(style === undefined ? {} : { style }),
        });
        // In a thread, a message the bot cannot place may be people talking among themselves; a
        // rate-limited one is still answered, so its asker knows to wait.
        if (quiet && (result.kind === 'decline' || result.kind === 'clarify')) return;
        const message = renderAnswer(result);
        await deps.outbox.post(client, place.channel, message, threadTs);
        // Its files (a bibliography's, a record too long for a section), whole, beside it.
        await uploadFiles(client, place, message.files ?? []);
        await rememberAnswer(deps, place.team, user, result);
        if (place.kind === 'thread') await deps.threads.add(threadKey(place.channel, place.threadTs));
      },
      () => deps.outbox.post(client, place.channel, APOLOGY, threadTs),
    );
  };

  // "@policybot <question>" in a channel: the answer in a thread under it (or in the thread it is in).
  app.event('app_mention', async ({ event, body, context, client }) => {
    const m = event as MessageView;
    if (!fromPerson(m) || m.channel === undefined || m.ts === undefined) return;
    if (isDirectMessage(m.channel)) return; // a DM is answered from its message event
    const threadTs = m.thread_ts ?? m.ts;
    const place: Place = { kind: 'thread', team: teamOf(context, body), channel: m.channel, threadTs };
    await answer(client, place, questionFrom(m.text ?? '', context.botUserId), m.user);
  });

  app.event('message', async ({ event, body, context, client }) => {
    const m = event as MessageView;
    if (!fromPerson(m) || m.channel === undefined) return;
    const team = teamOf(context, body);
    const text = m.text ?? '';
    if (isDirectMessage(m.channel, m.channel_type)) {
      // A direct message: the whole DM is one conversation; a reply in a DM thread stays in it.
      const place: Place =
        m.thread_ts === undefined
          ? { kind: 'dm', team, channel: m.channel }
          : { kind: 'dm', team, channel: m.channel, threadTs: m.thread_ts };
      await answer(client, place, questionFrom(text, context.botUserId), m.user);
      return;
    }
    // A reply in a thread the bot answers in continues the conversation without a mention.
    // A mention is answered from its app_mention event; a message to someone else is not ours.
    if (m.thread_ts === undefined || !(await deps.threads.has(threadKey(m.channel, m.thread_ts)))) return;
    if (/<@[UW][A-Z0-9]*(?:\|[^<>]*)?>/.test(text)) return;
    const place: Place = { kind: 'thread', team, channel: m.channel, threadTs: m.thread_ts };
    await answer(client, place, questionFrom(text, context.botUserId), m.user, true);
  });
}
