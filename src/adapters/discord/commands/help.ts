import { COLOURS } from '../render.js';
import { COMMAND_DEFAULTS, type Command, isPrivate, PRIVATE_OPTION } from './types.js';

const HELP = [
  'I answer questions on transnational organized crime from two sources only: the threats in ODNI’s 2024 Annual Threat Assessment and the ten solutions on 1787’s Transnational Crime page. Every answer quotes its source.',
  '',
  '- `/ask question:` ask in your own words, e.g. _what does the report say about fentanyl?_ The buttons under an answer continue it: **Tell me more**, **Sources**, **Related solutions** or **Related threats**.',
  '- `/cite topic:` start typing a topic and pick it: you get its quotes and references in blocks ready to paste into a memo.',
  '- `/check text:` paste a paragraph or memo: I check each quotation against the sources (exact, altered, misattributed or not found), with the corrected wording and its reference. Or right-click a message: **Apps > Check quotes**.',
  '- `/ask` with no question opens a form for a longer one.',
  '- **Cite this**: on any message, open **Apps** and pick **Cite this**: I cite the topic or source it is about, with the verbatim quote, or tell you the sources do not support it.',
  '- `/style` sets your own citation style for every answer and citation.',
  '- `/topics` lists everything I can answer; pick one from the menus.',
  '- `/help` shows this.',
  '',
  'Add `private: True` to any command and only you will see the reply (**Share** shows it to everyone). I never ping anyone.',
].join('\n');

/** `/help`: how to use the bot. */
export const helpCommand = {
  data: {
    ...COMMAND_DEFAULTS,
    name: 'help',
    description: 'How to use policybot',
    options: [PRIVATE_OPTION],
  },
  execute(request) {
    return {
      embeds: [{ title: 'policybot: how to use me', description: HELP, color: COLOURS.bot }],
      components: [],
      ephemeral: isPrivate(request),
    };
  },
} satisfies Command;
