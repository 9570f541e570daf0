import { ApplicationCommandOptionType } from 'discord.js';
import { CITATION_STYLES, isCitationStyle, STYLE_LABELS } from '../../../core/citations/styles.js';
import { noticeMessage } from '../render.js';
import { COMMAND_DEFAULTS, type Command, stringOption } from './types.js';

/**
 * `/style [style:<choice>]`: the person's own default citation style, kept in the state store and
 * used by every command of theirs in Discord (a style a command or question names still wins).
 * Without a choice it says which one is theirs. The reply is private.
 */
export const styleCommand = {
  data: {
    ...COMMAND_DEFAULTS,
    name: 'style',
    description: 'Your default citation style for every answer and citation',
    options: [
      {
        type: ApplicationCommandOptionType.String,
        name: 'style',
        description: 'The style your references come in',
        required: false,
        choices: CITATION_STYLES.map((style) => ({ name: STYLE_LABELS[style].slice(0, 100), value: style })),
      },
    ],
  },
  async execute(request, { assistant, preferences, person }) {
    const chosen = stringOption(request, 'style');
    if (chosen === undefined) {
      const mine = (await preferences.get(person)).style;
      return noticeMessage(
        mine === undefined
          ? `Your references come in ${STYLE_LABELS[assistant.defaultStyle]}, the default. Choose another with /style style:…`
          : `Your references come in ${STYLE_LABELS[mine]}.`,
        true,
      );
    }
    if (!isCitationStyle(chosen)) return noticeMessage('Pick one of the styles offered.', true);
    await preferences.set(person, { style: chosen });
    return noticeMessage(`Done: your answers and citations now come in ${STYLE_LABELS[chosen]}.`, true);
  },
} satisfies Command;
