import { ApplicationCommandOptionType } from 'discord.js';
import { CITATION_STYLES, isCitationStyle, STYLE_LABELS } from '../../../core/citations/styles.js';
import { verifyMessage } from '../quote-check.js';
import { COMMAND_DEFAULTS, type Command, isPrivate, PRIVATE_OPTION, stringOption } from './types.js';

/** Discord's cap on a string option. */
export const CHECK_MAX_LENGTH = 6000;

/** `/check text:<text with quotations> [style] [private]`: each quotation checked against the sources. */
export const checkCommand = {
  data: {
    ...COMMAND_DEFAULTS,
    name: 'check',
    description: "Check a text's quotations against the sources: exact, altered, misattributed or not found",
    options: [
      {
        type: ApplicationCommandOptionType.String,
        name: 'text',
        description: 'A paragraph or memo with its quotations, as you would publish it',
        required: true,
        max_length: CHECK_MAX_LENGTH,
      },
      {
        type: ApplicationCommandOptionType.String,
        name: 'style',
        description: "Citation style of the references (default: the bot's configured style)",
        required: false,
        choices: CITATION_STYLES.map((style) => ({ name: STYLE_LABELS[style].slice(0, 100), value: style })),
      },
      PRIVATE_OPTION,
    ],
  },
  async execute(request, { assistant, ask }) {
    const style = stringOption(request, 'style');
    const result = await assistant.verify(
      stringOption(request, 'text') ?? '',
      style !== undefined && isCitationStyle(style) ? style : undefined,
      ask,
    );
    return verifyMessage(result, isPrivate(request));
  },
} satisfies Command;
