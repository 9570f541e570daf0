/** Interaction payloads as Discord sends them, with the fields discord.js reads, and a logger that keeps lines. */
import type { Logger } from '../../../src/runtime/logger.js';

export const APP_ID = '111111111111111111';
export const GUILD_ID = '222222222222222222';
export const BOT_ID = '333333333333333333';
export const COMMAND_ID = '444444444444444444';
export const CHANNEL_ID = '555555555555555555';
export const USER_ID = '666666666666666666';

let nextId = 700000000000000000n;

/** A fresh snowflake for each interaction, so callbacks can be told apart. */
/** The bot's own user object, as READY and its messages carry it. */
export const BOT_USER = {
  id: BOT_ID,
  username: 'policybot',
  discriminator: '0',
  bot: true,
  avatar: null,
  global_name: null,
} as const;

export function snowflake(): string {
  nextId += 1n;
  return String(nextId);
}

interface Who {
  readonly channelId?: string;
  readonly userId?: string;
}

/** An interaction payload with the fields discord.js reads when it builds its objects. */
export function interaction(
  type: number,
  data: unknown,
  who: Who = {},
  message?: unknown,
): Record<string, unknown> {
  const id = snowflake();
  const channelId = who.channelId ?? CHANNEL_ID;
  return {
    id,
    application_id: APP_ID,
    type,
    token: `token-${id}`,
    version: 1,
    data,
    guild_id: GUILD_ID,
    channel: { id: channelId, type: 0, guild_id: GUILD_ID, name: 'policy' },
    channel_id: channelId,
    member: {
      user: {
        id: who.userId ?? USER_ID,
        username: 'analyst',
        discriminator: '0',
        avatar: null,
        global_name: 'Analyst',
      },
      roles: [],
      joined_at: '2024-01-01T00:00:00.000Z',
      deaf: false,
      mute: false,
      flags: 0,
      permissions: '0',
    },
    app_permissions: '0',
    locale: 'en-US',
    guild_locale: 'en-US',
    entitlements: [],
    authorizing_integration_owners: { '0': GUILD_ID },
    context: 0,
    ...(message === undefined ? {} : { message }),
  };
}

type Option = {
  readonly name: string;
  readonly type: number;
  readonly value: string | boolean;
  readonly focused?: boolean;
};

export function commandInteraction(
  name: string,
  options: readonly Option[],
  who?: Who,
): Record<string, unknown> {
  return interaction(2, { id: COMMAND_ID, name, type: 1, options }, who);
}

export function autocompleteInteraction(
  name: string,
  options: readonly Option[],
  who?: Who,
): Record<string, unknown> {
  return interaction(4, { id: COMMAND_ID, name, type: 1, options }, who);
}

/** A message object as Discord sends it (by default one the bot posted in the channel); `fields` override. */
export function discordMessage(fields: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: snowflake(),
    channel_id: CHANNEL_ID,
    type: 0,
    content: '',
    author: BOT_USER,
    embeds: [],
    components: [],
    attachments: [],
    mentions: [],
    mention_roles: [],
    mention_everyone: false,
    pinned: false,
    tts: false,
    timestamp: '2024-06-01T12:00:00.000Z',
    edited_timestamp: null,
    flags: 0,
    ...fields,
  };
}

/** A press on a button (or a pick in a select menu, with values) of a message the bot sent. */
export function componentInteraction(
  customId: string,
  options: { values?: readonly string[]; ephemeral?: boolean } & Who = {},
): Record<string, unknown> {
  const data = options.values
    ? { custom_id: customId, component_type: 3, values: options.values }
    : { custom_id: customId, component_type: 2 };
  const message = discordMessage({
    channel_id: options.channelId ?? CHANNEL_ID,
    flags: options.ephemeral ? 64 : 0,
  });
  return interaction(3, data, options, message);
}

/** A logger that keeps its lines, so tests can check what was (and was not) logged. */
export function memoryLogger(): { lines: string[]; logger: Logger } {
  const lines: string[] = [];
  const write = (level: string) => (obj: object, msg?: string) => {
    lines.push(JSON.stringify({ level, ...obj, msg }));
  };
  return {
    lines,
    logger: { info: write('info'), warn: write('warn'), error: write('error'), debug: write('debug') },
  };
}
