import { parseArgs } from 'node:util';
import { type Command, writeLine } from '../io.js';

const USAGE = 'policybot discord register [--guild ID | --global]';

const CHOICES = [
  '  --guild ID   one server (or set DISCORD_GUILD_ID): the commands work there at once, but not in DMs',
  '  --global     every server the bot is in, DMs with the bot, and user installs: can take up to an hour to appear',
].join('\n');

const HINTS: Readonly<Record<number, string>> = {
  401: 'Discord refused the token: check DISCORD_TOKEN (Developer Portal > Bot > Reset Token).',
  403: 'Discord refused access: is the bot in that server, invited with the applications.commands scope?',
  404: 'Discord knows no such application or server: check DISCORD_APPLICATION_ID and the server id.',
};

/** `policybot discord register`: puts the slash commands in place (idempotent: one bulk overwrite). */
export const discord = {
  name: 'discord',
  summary: 'Discord tasks: "register" installs the slash commands',
  usage: USAGE,
  async run(args, io) {
    const [task, ...rest] = args;
    if (task !== 'register') {
      writeLine(
        io.stderr,
        `${task === undefined ? 'Missing' : `Unknown task "${task}"; expected`} "register".\nusage: ${USAGE}`,
      );
      return 2;
    }
    const { values } = parseArgs({
      args: rest,
      options: { guild: { type: 'string' }, global: { type: 'boolean', default: false } },
    });
    if (values.guild !== undefined && values.global) {
      writeLine(io.stderr, `Use --guild or --global, not both.\nusage: ${USAGE}`);
      return 2;
    }
    const { loadRegisterConfig } = await import('../../adapters/discord/config.js');
    const config = loadRegisterConfig(io.env, { guild: values.guild, global: values.global });
    if (config.guildId === undefined && !values.global) {
      // Registering globally by default would be a surprise: it reaches every server and takes a while.
      writeLine(io.stderr, `Where should the commands go?\n${CHOICES}\nusage: ${USAGE}`);
      return 2;
    }
    const { inviteUrl, registerCommands, userInstallUrl } = await import(
      '../../adapters/discord/register.js'
    );
    let registration: Awaited<ReturnType<typeof registerCommands>>;
    try {
      registration = await registerCommands(config);
    } catch (error) {
      const status = (error as { status?: number }).status;
      const hint = status === undefined ? undefined : HINTS[status];
      writeLine(
        io.stderr,
        `Registering the commands failed: ${error instanceof Error ? error.message : String(error)}`,
      );
      if (hint) writeLine(io.stderr, hint);
      return 1;
    }
    const names = registration.names.join(', ');
    const from = values.guild === undefined ? ' (DISCORD_GUILD_ID)' : '';
    writeLine(
      io.stdout,
      registration.scope === 'guild'
        ? `Registered ${names} in server ${config.guildId}${from}: they work there now. For DMs with the bot, register with --global.`
        : `Registered ${names} globally: every server with the bot, DMs with it, and everyone who installs it for themselves get them; that can take up to an hour.`,
    );
    writeLine(io.stdout, `Running it again is safe: it replaces the set, it never duplicates it.`);
    writeLine(io.stdout, `Add the bot to a server: ${inviteUrl(config.applicationId)}`);
    if (registration.scope === 'global')
      writeLine(
        io.stdout,
        `Install it for yourself (DMs, group DMs, any server): ${userInstallUrl(config.applicationId)}`,
      );
    return 0;
  },
} satisfies Command;
