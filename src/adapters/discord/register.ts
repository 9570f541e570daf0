import { REST, Routes } from 'discord.js';
import { commandDefinitions } from './commands/index.js';
import type { RegisterConfig } from './config.js';
import { REST_REQUEST } from './rest.js';

export interface Registration {
  readonly scope: 'guild' | 'global';
  readonly route: string;
  /** What was registered, as a person finds it: "/ask", "“Check quotes” (a message's Apps menu)". */
  readonly names: readonly string[];
}

/**
 * Registers the slash commands with one bulk-overwrite PUT, so running it again changes nothing
 * (and a command removed here disappears there). Guild commands update at once but work in that
 * server only; global ones reach every server with the bot and DMs with it, and can take a while.
 */
export async function registerCommands(config: RegisterConfig): Promise<Registration> {
  const rest = new REST({ api: config.apiUrl, version: '10', ...REST_REQUEST }).setToken(config.token);
  const route =
    config.guildId === undefined
      ? Routes.applicationCommands(config.applicationId)
      : Routes.applicationGuildCommands(config.applicationId, config.guildId);
  const body = commandDefinitions(config.guildId === undefined ? 'global' : 'guild');
  const result = (await rest.put(route, { body })) as readonly { name?: string; type?: number }[] | undefined;
  // As a person finds them: a slash command by "/name", a message command in a message's Apps menu.
  const shown = (c: { name?: string; type?: number }) =>
    c.name === undefined
      ? []
      : [c.type === undefined || c.type === 1 ? `/${c.name}` : `“${c.name}” (a message's Apps menu)`];
  const names = Array.isArray(result)
    ? result.flatMap(shown)
    : body.flatMap((c) => shown({ name: c.name, ...(c.type === undefined ? {} : { type: c.type }) }));
  return { scope: config.guildId === undefined ? 'global' : 'guild', route, names };
}

/**
 * The link with which a person installs the app for themselves (a user install): its commands then
 * work for them in any server, DM or group DM, with no server admin involved.
 */
export function userInstallUrl(applicationId: string): string {
  return `https://discord.com/oauth2/authorize?client_id=${applicationId}&integration_type=1&scope=applications.commands`;
}

/** The link that adds the bot to a server, with the scopes slash commands need and no permissions. */
export function inviteUrl(applicationId: string): string {
  return `https://discord.com/oauth2/authorize?client_id=${applicationId}&scope=bot+applications.commands&permissions=0`;
}
