import { REST, Routes } from 'discord.js';
import { commandDefinitions } from './commands/index.js';
import type { RegisterConfig } from './config.js';

export interface Registration {
  readonly scope: 'guild' | 'global';
  readonly route: string;
  readonly names: readonly string[];
}

/**
 * Registers the slash commands with one bulk-overwrite PUT, so running it again changes nothing
 * (and a command removed here disappears there). Guild commands update at once but work in that
 * server only; global ones reach every server with the bot and DMs with it, and can take a while.
 */
export async function registerCommands(config: RegisterConfig): Promise<Registration> {
  const rest = new REST({ api: config.apiUrl, version: '10' }).setToken(config.token);
  const route =
    config.guildId === undefined
      ? Routes.applicationCommands(config.applicationId)
      : Routes.applicationGuildCommands(config.applicationId, config.guildId);
  const body = commandDefinitions(config.guildId === undefined ? 'global' : 'guild');
  const result = (await rest.put(route, { body })) as readonly { name?: string }[] | undefined;
  const names = Array.isArray(result)
    ? result.flatMap((c) => (c.name ? [c.name] : []))
    : body.map((c) => c.name);
  return { scope: config.guildId === undefined ? 'global' : 'guild', route, names };
}

/** The link that adds the bot to a server, with the scopes slash commands need and no permissions. */
export function inviteUrl(applicationId: string): string {
  return `https://discord.com/oauth2/authorize?client_id=${applicationId}&scope=bot+applications.commands&permissions=0`;
}
