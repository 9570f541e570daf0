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
import { type Dialect, quoted, writeBlock, writeInline } from '../../core/document/dialect.js';
import { quotesToList, referenceParts, referencesHeading } from '../../core/document/forms.js';
import {
  type Answer,
  type Block as AnswerBlock,
  FEEDBACK_LABELS,
  FEEDBACK_VALUES,
  type Inline,
  LABELS,
  type Reference,
  takesFeedback,
} from '../../core/index.js';
import { answerFiles, type OutFile, referencesFile } from '../files.js';
import { encodeAction } from './custom-id.js';
import { codeBlock, neutraliseMentions } from './escape.js';
import { fitEmbed, LIMITS, truncate } from './limits.js';

export type ActionRow = APIActionRowComponent<APIComponentInMessageActionRow>;

/** A reply as plain Discord API objects; the gateway and the HTTP endpoint each send it their way. */
export interface ReplyMessage {
  readonly content?: string;
  readonly embeds: readonly APIEmbed[];
  readonly components: readonly ActionRow[];
  readonly ephemeral: boolean;
  /** Attachments: what must go whole where a field or the message has no room (never cut). */
  readonly files?: readonly OutFile[];
}

export const COLOURS = {
  threat: 0xc0392b,
  solution: 0x27ae60,
  source: 0x2e86c1,
  related: 0x8e44ad,
  bot: 0x5865f2,
  fallback: 0x95a5a6,
} as const;

export interface AnswerOptions {
  /**
   * The reference a private answer is kept under (state/kept-answers.ts): adds "Share", which
   * posts that answer, as it was, for everyone.
   */
  readonly shareRef?: string;
}

/**
 * The answer as embeds with its buttons: the answer itself (its notes, body, "Did you mean" and
 * the quotes the body does not show, one field each), then its references, each form in a code
 * block of its own, in as many embeds as they need, so that no reference is ever cut.
 */
export function answerMessage(answer: Answer, ephemeral: boolean, options: AnswerOptions = {}): ReplyMessage {
  const feedback = feedbackRow(answer);
  const rowsOf = actionRows(answer, ephemeral ? options.shareRef : undefined).slice(
    0,
    feedback ? LIMITS.rows - 1 : LIMITS.rows,
  );
  // The references' share of the message's 6000 characters is kept first: a reference is whole or
  // not there, and the answer's text gives way.
  const wanted = answer.references.reduce((n, r) => n + r.entry.length + 80, 200);
  const main = answerEmbed(answer, LIMITS.embedTotal - Math.min(wanted, LIMITS.embedTotal / 2));
  const references = referenceEmbeds(answer, LIMITS.embedTotal - embedSize(main));
  // The answer's own files (a bibliography's), attached and named above the embeds.
  const own = answerFiles(answer);
  const files = [...own, ...references.files].slice(0, LIMITS.attachments);
  return {
    ...(own.length > 0
      ? { content: truncate(`📎 ${escapeRun(LABELS.filesAttached(own.map((f) => f.name)))}`, LIMITS.content) }
      : {}),
    embeds: [main, ...references.embeds],
    components: feedback ? [...rowsOf, feedback] : rowsOf,
    ephemeral,
    ...(files.length > 0 ? { files } : {}),
  };
}

/** Words as words: Markdown characters escaped, and "<" kept from ever opening a mention or a timestamp. */
function escapeRun(text: string): string {
  return neutraliseMentions(text.replace(/[\\*_~`|[\]>#]/g, (c) => `\\${c}`)).replace(/</g, '<\u200b');
}

/** Discord's Markdown: every run's words escaped, styles applied per run. */
const DISCORD_MARKDOWN: Dialect = {
  text: escapeRun,
  strong: (words) => `**${escapeRun(words)}**`,
  emphasis: (words) => `_${escapeRun(words)}_`,
  link: (words, url) => `[${escapeRun(words)}](${url.replace(/[()\s]/g, encodeURIComponent)})`,
  listItem: (item) => `- ${item}`,
  quote: (words) => `> ${escapeRun(quoted(words))}`,
};

/** Inline runs in Discord's Markdown, escaped. */
export function inlineMarkdown(content: readonly Inline[]): string {
  return writeInline(content, DISCORD_MARKDOWN);
}

const blockMarkdown = (block: AnswerBlock): string => writeBlock(block, DISCORD_MARKDOWN);

/** Title = topic, description = notes and body, a field per quote not shown, footer = sources and dates. */
export function answerEmbed(answer: Answer, total: number = LIMITS.embedTotal): APIEmbed {
  const url = answer.references.find((r) => r.url !== null)?.url ?? undefined;
  const footer = footerText(answer.references);
  const offer =
    answer.didYouMean.length > 0
      ? [`${LABELS.didYouMean}: ${answer.didYouMean.map((r) => `**${escapeRun(r.title)}**`).join(' · ')}?`]
      : [];
  const description = [
    ...answer.notes.map((n) => inlineMarkdown(n.content)),
    ...answer.blocks.map(blockMarkdown),
    ...offer,
  ].join('\n\n');
  const quotes = quotesToList(answer);
  const fields: APIEmbedField[] = quotes.slice(0, LIMITS.embedFields).map((q) => ({
    name: `${LABELS.quote}: ${publisherOf(answer, q.sourceId)}`,
    value: `> ${escapeRun(quoted(q.text))}`,
  }));
  const embed = (lead: string | undefined): APIEmbed =>
    fitEmbed(
      {
        title: neutraliseMentions(answer.title),
        description: lead === undefined ? description : `_${lead}_\n\n${description}`,
        color: COLOURS[answer.group],
        ...(url === undefined ? {} : { url }),
        ...(fields.length > 0 ? { fields } : {}),
        ...(footer === '' ? {} : { footer: { text: footer } }),
      },
      total,
    );
  // Fields a message has no room for are counted at the top, never dropped silently.
  let fitted = embed(undefined);
  for (let i = 0; i < 3 && (fitted.fields?.length ?? 0) < quotes.length; i++) {
    fitted = embed(LABELS.moreQuotes(quotes.length - (fitted.fields?.length ?? 0), LABELS.inSources));
  }
  return fitted;
}

function publisherOf(answer: Answer, sourceId: string): string {
  return neutraliseMentions(answer.references.find((r) => r.sourceId === sourceId)?.publisher ?? sourceId);
}

function embedSize(embed: APIEmbed): number {
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    (embed.footer?.text.length ?? 0) +
    (embed.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0)
  );
}

/**
 * The references, whole: each form a code block (copied whole, nothing inside formatted), packed
 * into embed descriptions of at most 4096 characters, within the message's 6000 in all. What does
 * not fit is never cut: those references go whole in an attached file, and the last embed says so.
 */
function referenceEmbeds(answer: Answer, room: number): { embeds: APIEmbed[]; files: OutFile[] } {
  if (answer.references.length === 0) return { embeds: [], files: [] };
  const units = answer.references.map((r) =>
    referenceParts(r, answer.form)
      .map((p) => `${p.label === undefined ? '' : `**${p.label}:**\n`}${codeBlock(p.text)}`)
      .join('\n'),
  );
  const embeds: { title?: string; description: string }[] = [];
  // Room kept for the note that says how many did not fit.
  let left =
    room -
    referencesHeading(answer).length -
    (LABELS.referencesAttached(units.length, FILE_NAME_ROOM).length + 8);
  let shown = 0;
  for (const unit of units) {
    const last = embeds.at(-1);
    const joined = last === undefined ? undefined : `${last.description}\n\n${unit}`;
    if (unit.length + 2 > left || embeds.length >= 9) break;
    if (joined !== undefined && last !== undefined && joined.length <= LIMITS.embedDescription) {
      last.description = joined;
    } else {
      if (unit.length > LIMITS.embedDescription) break;
      embeds.push({ description: unit });
    }
    left -= unit.length + 2;
    shown += 1;
  }
  const missing = answer.references.slice(shown);
  const files: OutFile[] = [];
  if (missing.length > 0) {
    const file = referencesFile(
      missing,
      answer.form,
      `${answer.topic ?? 'answer'}-references`,
      `${referencesHeading(answer)}: ${answer.title}`,
    );
    files.push(file);
    const note = `_${LABELS.referencesAttached(missing.length, escapeRun(file.name))}_`;
    const last = embeds.at(-1);
    if (last !== undefined) last.description = `${last.description}\n\n${note}`;
    else embeds.push({ description: note });
  }
  return {
    embeds: embeds.map((e, i) => ({
      ...(i === 0 ? { title: referencesHeading(answer) } : {}),
      description: e.description,
      color: COLOURS[answer.group],
    })),
    files,
  };
}

/** Room kept for an attached file's name in the note that names it. */
const FILE_NAME_ROOM = 'x'.repeat(80);

/** "Office of the Director of National Intelligence, Annual Threat Assessment…, February 5, 2024 · 1787, Transnational Crime" */
export function footerText(
  references: readonly Pick<Reference, 'sourceId' | 'publisher' | 'label' | 'date'>[],
): string {
  const seen = new Set<string>();
  const parts: string[] = [];
  for (const r of references) {
    if (seen.has(r.sourceId)) continue;
    seen.add(r.sourceId);
    parts.push(
      [r.publisher, r.label, r.date === null ? undefined : longDate(r.date)].filter(Boolean).join(', '),
    );
  }
  return truncate(parts.join(' · '), LIMITS.footer);
}

/**
 * The answer's actions as buttons: follow-ups first (the longer answer primary), then topics; on a
 * private answer kept under `shareRef`, "Share" first, which posts that answer for everyone.
 */
export function actionRows(answer: Answer, shareRef?: string): ActionRow[] {
  const seen = new Set<string>();
  const buttons = answer.actions.flatMap((action) => {
    // A bibliography's exports are its files, attached to the message: no button to press.
    if (action.kind === 'export') return [];
    const customId =
      action.kind === 'follow-up'
        ? encodeAction({ kind: 'followUp', followUp: action.followUp, topic: action.topic })
        : action.kind === 'topic'
          ? encodeAction({ kind: 'topic', topic: action.topic })
          : encodeAction({ kind: 'bibliography' });
    // custom_ids must be unique within a message.
    if (seen.has(customId)) return [];
    seen.add(customId);
    return [button(action.label, customId, action.kind === 'follow-up' && action.followUp === 'more')];
  });
  const share =
    shareRef === undefined
      ? []
      : [
          {
            ...button('Share', encodeAction({ kind: 'share', ref: shareRef }), false),
            style: ButtonStyle.Success,
          } satisfies APIButtonComponentWithCustomId,
        ];
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
