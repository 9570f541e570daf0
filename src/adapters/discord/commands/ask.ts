import { ApplicationCommandOptionType } from 'discord.js';
import { answerMessage } from '../render.js';
import { COMMAND_DEFAULTS, type Command, isPrivate, PRIVATE_OPTION, stringOption } from './types.js';

/** `/ask question:<text> [private:<bool>]`: the core's answer as an embed with follow-up buttons. */
export const askCommand = {
  data: {
    ...COMMAND_DEFAULTS,
    name: 'ask',
    description: "Ask about transnational crime threats and 1787's solutions, with sources",
    options: [
      {
        type: ApplicationCommandOptionType.String,
        name: 'question',
        description: 'Your question, e.g. "what does the report say about fentanyl?"',
        required: true,
      },
      PRIVATE_OPTION,
    ],
  },
  async execute(request, { assistant, ask }) {
    const question = stringOption(request, 'question') ?? '';
    return answerMessage(await assistant.ask(question, ask), isPrivate(request));
  },
} satisfies Command;
