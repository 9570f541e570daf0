import {
  type APIActionRowComponent,
  type APIButtonComponentWithCustomId,
  type APIComponentInMessageActionRow,
  type APIEmbed,
  type APIEmbedField,
  ButtonStyle,
  ComponentType,
} from 'discord.js';
import { longDate } from '../../core/citations/dates.js';
import {
  type Answer,
  type Citation,
  FEEDBACK_LABELS,
  FEEDBACK_VALUES,
  takesFeedback,
} from '../../core/index.js';
import { encodeAction } from './custom-id.js';
import { discordMarkdown, neutraliseMentions } from './escape.js';
import { fitEmbed, LIMITS, truncate } from './limits.js';

export type ActionRow = APIActionRowComponent<APIComponentInMessageActionRow>;

/** A reply as plain Discord API objects; the gateway and the HTTP endpoint each send it their way. */
export interface ReplyMessage {
  readonly content?: string;
  readonly embeds: readonly APIEmbed[];
  readonly components: readonly ActionRow[];
  readonly ephemeral: boolean;
}

export const COLOURS = {
  threat: 0xc0392b,
  solution: 0x27ae60,
  source: 0x2e86c1,
  related: 0x8e44ad,
  bot: 0x5865f2,
  fallback: 0x95a5a6,
} as const;

/** The answer as an embed with its follow-up buttons, or a decline with its "Did you mean" buttons. */
export function answerMessage(answer: Answer, ephemeral: boolean): ReplyMessage {
  const feedback = feedbackRow(answer);
  const rowsOf = actionRows(answer, ephemeral).slice(0, feedback ? LIMITS.rows - 1 : LIMITS.rows);
  return { embeds: [answerEmbed(answer)], components: feedback ? [...rowsOf, feedback] : rowsOf, ephemeral };
}

/** Title = topic, description = the answer, a field per citation with its reference, footer = sources and dates. */
export function answerEmbed(answer: Answer): APIEmbed {
  const url = answer.citations.find((c) => c.url !== null)?.url ?? undefined;
  const footer = footerText(answer.citations);
  return fitEmbed({
    title: neutraliseMentions(answer.title),
    description: discordMarkdown(answer.text),
    color: COLOURS[answer.group],
    ...(url === undefined ? {} : { url }),
    ...(answer.followUp === 'source' ? {} : { fields: citationFields(answer) }),
    ...(footer === '' ? {} : { footer: { text: footer } }),
  });
}

/**
 * One field per citation: a quote not already in the text is shown with its reference, else the
 * reference alone. The quote gives way before the reference when a field would run over 1024.
 * (A "Sources" answer already lists every quote and reference in its text.)
 */
function citationFields(answer: Answer): APIEmbedField[] {
  return answer.citations.map((c) => {
    const reference = neutraliseMentions(c.reference);
    const showQuote = c.quote !== undefined && !answer.text.includes(c.quote);
    if (!showQuote || c.quote === undefined)
      return { name: c.quote ? 'Source' : 'Also cited', value: reference };
    const room = LIMITS.fieldValue - reference.length - 6;
    const quote = room > 20 ? `> “${truncate(neutraliseMentions(c.quote), room)}”\n` : '';
    return { name: `Quote: ${c.publisher}`, value: `${quote}${reference}` };
  });
}

/** "Office of the Director of National Intelligence, Annual Threat Assessment…, February 5, 2024 · 1787, Transnational Crime" */
export function footerText(citations: readonly Citation[]): string {
  const seen = new Set<string>();
  const parts: string[] = [];
  for (const c of citations) {
    if (seen.has(c.sourceId)) continue;
    seen.add(c.sourceId);
    parts.push(
      [c.publisher, c.title, c.date === null ? undefined : longDate(c.date)].filter(Boolean).join(', '),
    );
  }
  return truncate(parts.join(' · '), LIMITS.footer);
}

/**
 * The answer's actions as buttons: follow-ups first (the longer answer primary), then topics; on a
 * private answer about a topic, "Share" first, which shows the same answer to everyone.
 */
export function actionRows(answer: Answer, ephemeral = false): ActionRow[] {
  const seen = new Set<string>();
  const buttons = answer.actions.flatMap((action) => {
    const customId =
      action.kind === 'follow-up'
        ? encodeAction({ kind: 'followUp', followUp: action.followUp, topic: action.topic })
        : encodeAction({ kind: 'topic', topic: action.topic });
    // custom_ids must be unique within a message.
    if (seen.has(customId)) return [];
    seen.add(customId);
    return [button(action.label, customId, action.kind === 'follow-up' && action.followUp === 'more')];
  });
  const share =
    ephemeral && answer.kind === 'answer' && answer.topic !== null
      ? [
          {
            ...button(
              'Share',
              encodeAction({ kind: 'share', followUp: answer.followUp, topic: answer.topic }),
              false,
            ),
            style: ButtonStyle.Success,
          } satisfies APIButtonComponentWithCustomId,
        ]
      : [];
  return rows([...share, ...buttons]);
}

/**
 * "Helpful" / "Not helpful" in a row of their own, last: a click is acknowledged privately to the
 * person who clicked, and the answer stays as it was.
 */
function feedbackRow(answer: Answer): ActionRow | undefined {
  if (!takesFeedback(answer) || answer.ref === undefined) return undefined;
  const ref = answer.ref;
  return {
    type: ComponentType.ActionRow,
    components: FEEDBACK_VALUES.map((value) =>
      button(FEEDBACK_LABELS[value], encodeAction({ kind: 'feedback', value, ref }), false),
    ),
  };
}

function button(label: string, customId: string, primary: boolean): APIButtonComponentWithCustomId {
  return {
    type: ComponentType.Button,
    style: primary ? ButtonStyle.Primary : ButtonStyle.Secondary,
    label: truncate(label, LIMITS.buttonLabel),
    custom_id: customId,
  };
}

/** Buttons five to a row, at most five rows. */
export function rows(buttons: readonly APIButtonComponentWithCustomId[]): ActionRow[] {
  const out: ActionRow[] = [];
  const capped = buttons.slice(0, LIMITS.buttonsPerRow * LIMITS.rows);
  for (let i = 0; i < capped.length; i += LIMITS.buttonsPerRow) {
    out.push({ type: ComponentType.ActionRow, components: capped.slice(i, i + LIMITS.buttonsPerRow) });
  }
  return out;
}

/** A short plain message (an apology, a notice), within the content limit. */
export function noticeMessage(text: string, ephemeral = true): ReplyMessage {
  return {
    content: truncate(neutraliseMentions(text), LIMITS.content),
    embeds: [],
    components: [],
    ephemeral,
  };
}
