import type { RESTPutAPIApplicationCommandsJSONBody } from 'discord.js';
import { askCommand } from './ask.js';
import { citeCommand } from './cite.js';
import { helpCommand } from './help.js';
import { topicsCommand } from './topics.js';
import type { Command } from './types.js';

export type { AutocompleteRequest, Command, CommandContext, CommandRequest, OptionValue } from './types.js';

/** Every slash command, by name. */
export const COMMANDS: ReadonlyMap<string, Command> = new Map(
  [askCommand, citeCommand, topicsCommand, helpCommand].map((c) => [c.data.name, c]),
);

/** The body of the bulk-overwrite PUT that registers them. */
export function commandDefinitions(): RESTPutAPIApplicationCommandsJSONBody {
  return [...COMMANDS.values()].map((c) => c.data);
}
