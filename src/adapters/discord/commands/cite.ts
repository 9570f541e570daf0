import { type APIEmbedField, ApplicationCommandOptionType } from 'discord.js';
import { CITATION_STYLES, isCitationStyle, STYLE_LABELS } from '../../../core/citations/styles.js';
import { citeEntries, type ReferencePart } from '../../../core/citations/cite.js';
import { type CiteResult, LABELS } from '../../../core/index.js';
import type { KnowledgeBase } from '../../../knowledge/types.js';
import { type OutFile, partsFile } from '../../files.js';
import { codeBlock, escapeUserText, neutraliseMentions } from '../escape.js';
import { fitChoices, fitEmbed, LIMITS, truncate } from '../limits.js';
import { COLOURS, noticeMessage, type ReplyMessage } from '../render.js';
import { COMMAND_DEFAULTS, type Command, isPrivate, PRIVATE_OPTION, stringOption } from './types.js';

export const TOPIC_MIN_LENGTH = 2;
export const TOPIC_MAX_LENGTH = 100;

/**
 * `/cite topic:<autocomplete> [style:<choice>]`: a topic's quotes and references, each in a code
 * block so it copies exactly; in the configured default style unless another is chosen.
 */
export const citeCommand = {
  data: {
    ...COMMAND_DEFAULTS,
    name: 'cite',
    description: 'Copy-ready quotes and references for a topic',
    options: [
      {
        type: ApplicationCommandOptionType.String,
        name: 'topic',
        description: 'Start typing: a threat, a solution or a source',
        required: true,
        autocomplete: true,
        // No topic or source is named in one character, and a pick is at most a choice's 100.
        min_length: TOPIC_MIN_LENGTH,
        max_length: TOPIC_MAX_LENGTH,
      },
      {
        type: ApplicationCommandOptionType.String,
        name: 'style',
        description: "Citation style (default: the bot's configured style)",
        required: false,
        choices: CITATION_STYLES.map((style) => ({ name: STYLE_LABELS[style].slice(0, 100), value: style })),
      },
      PRIVATE_OPTION,
    ],
  },
  async execute(request, { assistant, ask }) {
    const typed = stringOption(request, 'topic') ?? '';
    const style = stringOption(request, 'style');
    // A picked suggestion sends the topic's id; typed text goes through the same resolver as
    // every surface's cite, which cites only a topic it is sure of.
    const result = await assistant.cite(
      typed,
      style !== undefined && isCitationStyle(style) ? style : undefined,
      ask,
    );
    if (result.kind === 'rate-limited') return noticeMessage(result.text, isPrivate(request));
    if (result.kind === 'none') {
      const shown = escapeUserText([...typed].slice(0, TOPIC_MAX_LENGTH).join('')) || '(nothing)';
      const near = result.suggestions.map((m) => `**${neutraliseMentions(m.title)}**`).join(' · ');
      return noticeMessage(
        near === ''
          ? `I have no topic called “${shown}”. Pick one of the suggestions as you type, or see /topics.`
          : `I have no topic called “${shown}”. Did you mean ${near}? Pick one of the suggestions as you type.`,
        isPrivate(request),
      );
    }
    return citeMessage(result, isPrivate(request), assistant.knowledgeBase);
  },
  autocomplete(request, { assistant, ask }) {
    return fitChoices(
      assistant
        .findTopics(request.focused.value, undefined, ask)
        .map((t) => ({ name: t.title, value: t.intent })),
    );
  },
} satisfies Command;

/** A reference's parts, each labelled in bold above a code block of its own, so each copies alone. */
function asPasted(parts: readonly ReferencePart[]): string {
  return parts
    .map((p) => (p.label === undefined ? codeBlock(p.text) : `**${p.label}**\n${codeBlock(p.text)}`))
    .join('\n');
}

export function citeMessage(
  result: Exclude<CiteResult, { kind: 'none' | 'rate-limited' }>,
  ephemeral: boolean,
  kb: KnowledgeBase,
): ReplyMessage {
  const fields: APIEmbedField[] = [];
  const files: OutFile[] = [];
  const { title, entries } = citeEntries(result);
  entries.forEach(({ label, reference: r, parts, quote: quoted }, i) => {
    const source = kb.sources.get(r.sourceId)?.publisher ?? r.sourceId;
    const name = truncate(`${i + 1}. ${neutraliseMentions(label ?? source)}`, LIMITS.fieldName);
    const quote = quoted === undefined ? undefined : codeBlock(`“${quoted}”`);
    const reference = asPasted(parts);
    const together = quote === undefined ? reference : `${quote}\n${reference}`;
    if (together.length <= LIMITS.fieldValue) {
      fields.push({ name, value: together });
      return;
    }
    // Too long for one field: the quote and the reference each get their own (a fence costs 8).
    const room = LIMITS.fieldValue - 8;
    if (quote !== undefined && quoted !== undefined) {
      fields.push({
        name: truncate(`${name}: quote`, LIMITS.fieldName),
        value: codeBlock(truncate(`“${quoted}”`, room)),
      });
    }
    const fits = reference.length <= LIMITS.fieldValue;
    // Too long even alone (a CSL-JSON record of a long report): attached whole, never cut.
    const file = fits ? undefined : partsFile(parts, r.style, `${i + 1}-${r.sourceId}`, label ?? source);
    if (file !== undefined) files.push(file);
    fields.push({
      name: truncate(quote === undefined ? name : `${name}: reference`, LIMITS.fieldName),
      value: file === undefined ? reference : LABELS.attached(`\`${file.name}\``),
    });
  });
  const note =
    result.unsupportedStyle === undefined
      ? ''
      : ` I don't write ${escapeUserText(result.unsupportedStyle)} references; here is ${result.style}.`;
  const embed = fitEmbed({
    title: neutraliseMentions(title),
    description:
      (fields.length > 0
        ? 'Quotes and references, ready to paste into a memo.'
        : 'This topic has no source to cite.') + note,
    color: COLOURS.source,
    fields,
  });
  return { embeds: [embed], components: [], ephemeral, ...(files.length > 0 ? { files } : {}) };
}
