import { ApplicationCommandOptionType, ComponentType, TextInputStyle } from 'discord.js';
import {
  CITATION_STYLES,
  type CitationStyle,
  isCitationStyle,
  STYLE_LABELS,
} from '../../../core/citations/styles.js';
import { DEFAULT_MAX_QUESTION_LENGTH } from '../../../core/index.js';
import { encodeAction } from '../custom-id.js';
import { answerMessage, type ReplyMessage } from '../render.js';
import {
  COMMAND_DEFAULTS,
  type Command,
  type CommandContext,
  type CommandReply,
  isPrivate,
  PRIVATE_OPTION,
  stringOption,
} from './types.js';

/** The modal's text input; Discord allows 4,000 characters in one. */
export const QUESTION_INPUT = 'question';
const QUESTION_MAX = Math.min(4000, DEFAULT_MAX_QUESTION_LENGTH);

/**
 * `/ask [question:<text>] [style:<choice>] [private:<bool>]`: the core's answer as an embed with
 * follow-up buttons. Without a question, a form opens for a longer one (a modal), which keeps the
 * style and who sees the answer chosen in the command.
 */
export const askCommand = {
  data: {
    ...COMMAND_DEFAULTS,
    name: 'ask',
    description: "Ask about transnational crime threats and 1787's solutions, with sources",
    options: [
      {
        type: ApplicationCommandOptionType.String,
        name: 'question',
        description:
          'Your question, e.g. "what does the report say about fentanyl?" (leave out for a longer one)',
        required: false,
      },
      {
        type: ApplicationCommandOptionType.String,
        name: 'style',
        description: 'Citation style (default: yours, set with /style)',
        required: false,
        choices: CITATION_STYLES.map((style) => ({ name: STYLE_LABELS[style].slice(0, 100), value: style })),
      },
      PRIVATE_OPTION,
    ],
  },
  async execute(request, context): Promise<CommandReply> {
    const chosen = stringOption(request, 'style');
    const style = chosen !== undefined && isCitationStyle(chosen) ? chosen : undefined;
    const question = stringOption(request, 'question');
    if (question === undefined || question.trim() === '') {
      return {
        modal: {
          custom_id: encodeAction({ kind: 'askModal', style, private: isPrivate(request) }),
          title: 'Ask policybot',
          components: [
            {
              type: ComponentType.ActionRow,
              components: [
                {
                  type: ComponentType.TextInput,
                  custom_id: QUESTION_INPUT,
                  label: 'Your question',
                  style: TextInputStyle.Paragraph,
                  min_length: 1,
                  max_length: QUESTION_MAX,
                  required: true,
                  placeholder: 'e.g. what does the report say about fentanyl, and what does 1787 propose?',
                },
              ],
            },
          ],
        },
      };
    }
    return answer(question, style, isPrivate(request), context);
  },
} satisfies Command;

/** The question asked (in the command or its modal), answered in the style chosen, else the person's. */
export async function answer(
  question: string,
  style: CitationStyle | undefined,
  ephemeral: boolean,
  { assistant, ask }: Pick<CommandContext, 'assistant' | 'ask'>,
): Promise<ReplyMessage> {
  const reply = await assistant.ask(question, { ...ask, ...(style === undefined ? {} : { style }) });
  return answerMessage(reply, ephemeral);
}
