import {
  type APIModalInteractionResponseCallbackData,
  ApplicationCommandOptionType,
  ComponentType,
  TextInputStyle,
} from 'discord.js';
import {
  CITATION_STYLES,
  type CitationStyle,
  isCitationStyle,
  STYLE_LABELS,
} from '../../../core/citations/styles.js';
import { DEFAULT_MAX_QUESTION_LENGTH } from '../../../core/index.js';
import { encodeAction } from '../custom-id.js';
import type { ReplyMessage } from '../render.js';
import { answerReply } from '../share.js';
import {
  COMMAND_DEFAULTS,
  type Command,
  type CommandContext,
  type CommandReply,
  isPrivate,
  PRIVATE_OPTION,
  stringOption,
} from './types.js';

/** The modal's inputs: the question (Discord allows 4,000 characters), the style, who sees it. */
export const QUESTION_INPUT = 'question';
export const STYLE_INPUT = 'style';
export const VISIBILITY_INPUT = 'visibility';
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
        modal: askModal(
          style ?? context.ask.style ?? context.assistant.defaultStyle,
          style,
          isPrivate(request),
        ),
      };
    }
    return answer(question, style, isPrivate(request), context);
  },
} satisfies Command;

/**
 * The form for a longer question, each input in a label (Discord's current modal layout): the
 * question, the citation style (the person's own, or the one the command named, chosen), and who
 * sees the answer. The custom_id keeps what the command chose, for a client that sends no selects.
 */
export function askModal(
  shown: CitationStyle,
  chosen: CitationStyle | undefined,
  ephemeral: boolean,
): APIModalInteractionResponseCallbackData {
  return {
    custom_id: encodeAction({ kind: 'askModal', style: chosen, private: ephemeral }),
    title: 'Ask policybot',
    components: [
      {
        type: ComponentType.Label,
        label: 'Your question',
        component: {
          type: ComponentType.TextInput,
          custom_id: QUESTION_INPUT,
          style: TextInputStyle.Paragraph,
          min_length: 1,
          max_length: QUESTION_MAX,
          required: true,
          placeholder: 'e.g. what does the report say about fentanyl, and what does 1787 propose?',
        },
      },
      {
        type: ComponentType.Label,
        label: 'Citation style',
        component: {
          type: ComponentType.StringSelect,
          custom_id: STYLE_INPUT,
          required: false,
          options: CITATION_STYLES.map((style) => ({
            label: STYLE_LABELS[style].slice(0, 100),
            value: style,
            default: style === shown,
          })),
        },
      },
      {
        type: ComponentType.Label,
        label: 'Who sees the answer',
        component: {
          type: ComponentType.StringSelect,
          custom_id: VISIBILITY_INPUT,
          required: false,
          options: [
            { label: 'Only me', value: 'me', default: ephemeral },
            { label: 'Everyone in the channel', value: 'channel', default: !ephemeral },
          ],
        },
      },
    ],
  };
}

/** The question asked (in the command or its modal), answered in the style chosen, else the person's. */
export async function answer(
  question: string,
  style: CitationStyle | undefined,
  ephemeral: boolean,
  { assistant, ask, kept }: Pick<CommandContext, 'assistant' | 'ask' | 'kept'>,
): Promise<ReplyMessage> {
  const reply = await assistant.ask(question, { ...ask, ...(style === undefined ? {} : { style }) });
  return answerReply(reply, ephemeral, kept);
}
