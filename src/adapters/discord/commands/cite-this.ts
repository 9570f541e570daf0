import { ApplicationCommandType } from 'discord.js';
import { citeThis } from '../../cite-this.js';
import { citeThisMessage } from '../cite-this.js';
import type { MessageCommand } from './message-commands.js';
import { CONTEXTS, INTEGRATION_TYPES } from './types.js';

/**
 * "Cite this" in a message's Apps menu: the message's words through the core's one cite resolver;
 * the reply, only for the person who used it, cites the topic or source they are about, or says
 * that the sources do not support them.
 */
export const citeThisCommand: MessageCommand = {
  data: {
    type: ApplicationCommandType.Message,
    contexts: [...CONTEXTS],
    integration_types: [...INTEGRATION_TYPES],
    name: 'Cite this',
  },
  async execute(text, { assistant, ask }) {
    const outcome = await citeThis(assistant, text, ask);
    return citeThisMessage(outcome, assistant, { asked: text, ephemeral: true });
  },
};
