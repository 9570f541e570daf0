import type { RESTPutAPIApplicationCommandsJSONBody } from 'discord.js';
import { askCommand } from './ask.js';
import { checkCommand } from './check.js';
import { citeCommand } from './cite.js';
import { helpCommand } from './help.js';
import { MESSAGE_COMMANDS } from './message-commands.js';
import { styleCommand } from './style.js';
import { topicsCommand } from './topics.js';
import type { Command } from './types.js';

export { MESSAGE_COMMANDS, type MessageCommand } from './message-commands.js';
export type {
  AutocompleteRequest,
  Command,
  CommandContext,
  CommandReply,
  CommandRequest,
  OptionValue,
} from './types.js';
export { isModal } from './types.js';

/** Every slash command, by name. */
export const COMMANDS: ReadonlyMap<string, Command> = new Map(
  [askCommand, citeCommand, checkCommand, topicsCommand, styleCommand, helpCommand].map((c) => [
    c.data.name,
    c,
  ]),
);

/**
 * The body of the bulk-overwrite PUT that registers them. `contexts` and `integration_types` (where
 * a command may be used: servers, DMs with the bot) apply to global commands only; a server's own
 * commands are used in that server and nowhere else, so they go without.
 */
export function commandDefinitions(scope: 'guild' | 'global'): RESTPutAPIApplicationCommandsJSONBody {
  return [...COMMANDS.values(), ...MESSAGE_COMMANDS.values()].map(({ data }) => {
    if (scope === 'global') return data;
    const { contexts: _contexts, integration_types: _types, ...guild } = data;
    return guild;
  });
}
