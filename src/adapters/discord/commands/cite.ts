import { type APIEmbedField, ApplicationCommandOptionType } from 'discord.js';
import type { Answer } from '../../../core/index.js';
import { codeBlock, escapeUserText, neutraliseMentions } from '../escape.js';
import { followUpAnswer, isContentTopic, rankTopics } from '../knowledge.js';
import { fitChoices, fitEmbed, LIMITS, truncate } from '../limits.js';
import { COLOURS, noticeMessage, type ReplyMessage } from '../render.js';
import { COMMAND_DEFAULTS, type Command, isPrivate, PRIVATE_OPTION, stringOption } from './types.js';

/**
 * `/cite topic:<autocomplete>`: a topic's quotes and references, each in a code block so it copies
 * exactly. References are the core's; a `style` option joins here once the core formats styles.
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
      PRIVATE_OPTION,
    ],
  },
  execute(request, { assistant, ask }) {
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
    return citeMessage(followUpAnswer(assistant, 'source', id, ask), isPrivate(request));
  },
  autocomplete(request, { assistant }) {
    return fitChoices(
      rankTopics(assistant, request.focused.value).map((t) => ({ name: t.title, value: t.id })),
    );
  },
} satisfies Command;

export function citeMessage(answer: Answer, ephemeral: boolean): ReplyMessage {
  const fields: APIEmbedField[] = [];
  answer.citations.forEach((c, i) => {
    const name = `${i + 1}. ${neutraliseMentions(c.publisher)}`;
    const quote = c.quote === undefined ? undefined : `“${c.quote}”`;
    const together = codeBlock(quote === undefined ? c.reference : `${quote}\n${c.reference}`);
    if (together.length <= LIMITS.fieldValue || quote === undefined) {
      fields.push({ name, value: together });
    } else {
      // Too long for one field: the quote and the reference each get their own (a fence costs 8).
      const room = LIMITS.fieldValue - 8;
      fields.push(
        { name: `${name}: quote`, value: codeBlock(truncate(quote, room)) },
        { name: `${name}: reference`, value: codeBlock(truncate(c.reference, room)) },
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
