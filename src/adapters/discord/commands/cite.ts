import { type APIEmbedField, ApplicationCommandOptionType } from 'discord.js';
import { type FormattedReference, formatReference, relayOf } from '../../../core/citations/reference.js';
import { CITATION_STYLES, isCitationStyle, STYLE_LABELS } from '../../../core/citations/styles.js';
import type { Answer, PolicyAssistant } from '../../../core/index.js';
import { codeBlock, escapeUserText, neutraliseMentions } from '../escape.js';
import { followUpAnswer, isContentTopic, rankTopics } from '../knowledge.js';
import { fitChoices, fitEmbed, LIMITS, truncate } from '../limits.js';
import { COLOURS, noticeMessage, type ReplyMessage } from '../render.js';
import { COMMAND_DEFAULTS, type Command, isPrivate, PRIVATE_OPTION, stringOption } from './types.js';

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
    const kb = assistant.knowledgeBase;
    // A picked suggestion sends the intent id; free text is resolved as autocomplete would rank it.
    const id = isContentTopic(kb, typed) ? typed : rankTopics(assistant, typed)[0]?.id;
    if (id === undefined) {
      const shown = escapeUserText(typed.slice(0, 100)) || '(nothing)';
      return noticeMessage(
        `I have no topic called “${shown}”. Pick one of the suggestions as you type, or see /topics.`,
      );
    }
    const answer = followUpAnswer(assistant, 'source', id, ask);
    const style = stringOption(request, 'style');
    const styled =
      style !== undefined && isCitationStyle(style)
        ? await styledReferences(assistant, answer, style)
        : undefined;
    return citeMessage(answer, isPrivate(request), styled);
  },
  autocomplete(request, { assistant }) {
    return fitChoices(
      rankTopics(assistant, request.focused.value).map((t) => ({ name: t.title, value: t.id })),
    );
  },
} satisfies Command;

/** The answer's references in the chosen style, by source (citation-js loads on the first engine style). */
async function styledReferences(
  assistant: PolicyAssistant,
  answer: Answer,
  style: (typeof CITATION_STYLES)[number],
): Promise<ReadonlyMap<string, string>> {
  const kb = assistant.knowledgeBase;
  const out = new Map<string, string>();
  for (const id of new Set(answer.citations.map((c) => c.sourceId))) {
    const source = kb.sources.get(id);
    if (source) out.set(id, asPasted(await formatReference(source, relayOf(kb, source), style)));
  }
  return out;
}

/** A styled reference as a writer pastes it: the entry, then its note or in-text form. */
function asPasted(reference: FormattedReference): string {
  if (reference.note !== undefined) return `${reference.entry}\nNote: ${reference.note}`;
  if (reference.inText !== undefined) return `${reference.entry}\nIn text: ${reference.inText}`;
  return reference.entry;
}

export function citeMessage(
  answer: Answer,
  ephemeral: boolean,
  styled?: ReadonlyMap<string, string>,
): ReplyMessage {
  const fields: APIEmbedField[] = [];
  answer.citations.forEach((c, i) => {
    const name = `${i + 1}. ${neutraliseMentions(c.publisher)}`;
    const quote = c.quote === undefined ? undefined : `“${c.quote}”`;
    const reference = styled?.get(c.sourceId) ?? c.reference;
    const together = codeBlock(quote === undefined ? reference : `${quote}\n${reference}`);
    if (together.length <= LIMITS.fieldValue || quote === undefined) {
      fields.push({ name, value: together });
    } else {
      // Too long for one field: the quote and the reference each get their own (a fence costs 8).
      const room = LIMITS.fieldValue - 8;
      fields.push(
        { name: `${name}: quote`, value: codeBlock(truncate(quote, room)) },
        { name: `${name}: reference`, value: codeBlock(truncate(reference, room)) },
      );
    }
  });
  const embed = fitEmbed({
    title: neutraliseMentions(answer.title),
    description:
      answer.citations.length > 0
        ? 'Quotes and references, ready to paste into a memo.'
        : 'This topic has no quoted source.',
    color: COLOURS.source,
    fields,
  });
  return { embeds: [embed], components: [], ephemeral };
}
