import { ApplicationCommandType, type RESTPostAPIContextMenuApplicationCommandsJSONBody } from 'discord.js';
import { verifyMessage } from '../quote-check.js';
import type { ReplyMessage } from '../render.js';
import { citeThisCommand } from './cite-this.js';
import { CONTEXTS, type CommandContext, INTEGRATION_TYPES } from './types.js';

/** A message's context-menu command (Apps > …): what it is called and what it makes of the message. */
export interface MessageCommand {
  readonly data: RESTPostAPIContextMenuApplicationCommandsJSONBody & {
    readonly name: string;
    readonly type: ApplicationCommandType.Message;
  };
  /** `text` is the message's content; the reply is private to whoever used the command. */
  execute(text: string, context: CommandContext): Promise<ReplyMessage>;
}

/** Usable where the slash commands are: servers, DMs, user installs (see WHERE in types.ts). */
const MESSAGE_DEFAULTS = {
  type: ApplicationCommandType.Message as const,
  contexts: [...CONTEXTS],
  integration_types: [...INTEGRATION_TYPES],
};

/** "Check quotes": the message's quotations, checked against the sources. */
export const checkQuotesMessageCommand: MessageCommand = {
  data: { ...MESSAGE_DEFAULTS, name: 'Check quotes' },
  async execute(text, { assistant, ask }) {
    return verifyMessage(await assistant.verify(text, undefined, ask), true);
  },
};

/** Every message context-menu command, by name: add one here and it is registered and served. */
export const MESSAGE_COMMANDS: ReadonlyMap<string, MessageCommand> = new Map(
  [checkQuotesMessageCommand, citeThisCommand].map((c) => [c.data.name, c]),
);
