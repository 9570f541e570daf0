import { z } from 'zod';
import { ConfigError, parseEnv } from '../../config/env.js';

export { isDiscordConfigured } from './configured.js';

/** Every variable the Discord adapter reads; `.env.example` lists them under `# Discord`. */
export const DISCORD_VARIABLES = [
  'DISCORD_TOKEN',
  'DISCORD_APPLICATION_ID',
  'DISCORD_PUBLIC_KEY',
  'DISCORD_GUILD_ID',
  'DISCORD_API_URL',
  'DISCORD_MODE',
  'PORT',
] as const;

export const DEFAULT_DISCORD_API_URL = 'https://discord.com/api';

const snowflake = z
  .string()
  .trim()
  .regex(/^\d{1,20}$/, 'must be a Discord id (digits; Developer Mode > Copy ID)');

export const discordEnvSchema = z
  .object({
    DISCORD_TOKEN: z.string().trim().min(1).optional(),
    DISCORD_APPLICATION_ID: snowflake.optional(),
    DISCORD_PUBLIC_KEY: z
      .string()
      .trim()
      .regex(/^[0-9a-fA-F]{64}$/, "must be the application's public key: 64 hexadecimal characters")
      .optional(),
    DISCORD_GUILD_ID: snowflake.optional(),
    DISCORD_API_URL: z
      .url({ protocol: /^https?$/, error: 'must be an http(s) URL such as https://discord.com/api' })
      .optional(),
    DISCORD_MODE: z.enum(['gateway', 'http', 'both'], { error: 'must be gateway, http or both' }).optional(),
    PORT: z
      .string()
      .trim()
      .regex(/^\d{1,5}$/, 'must be a port number')
      .transform(Number)
      .pipe(z.number().int().max(65_535, 'must be a port number'))
      .optional(),
  })
  .superRefine((env, ctx) => {
    const mode = env.DISCORD_MODE ?? (env.DISCORD_PUBLIC_KEY === undefined ? 'gateway' : 'http');
    const why = env.DISCORD_MODE === undefined ? '' : ` (DISCORD_MODE=${env.DISCORD_MODE})`;
    if ((mode === 'gateway' || mode === 'both') && env.DISCORD_TOKEN === undefined) {
      ctx.addIssue({ code: 'custom', path: ['DISCORD_TOKEN'], message: `is required for the gateway${why}` });
    }
    if (mode === 'http' || mode === 'both') {
      if (env.DISCORD_PUBLIC_KEY === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['DISCORD_PUBLIC_KEY'],
          message: `is required for the HTTP interactions endpoint${why}`,
        });
      }
    }
  });

export interface DiscordConfig {
  readonly token: string | undefined;
  readonly applicationId: string | undefined;
  readonly publicKey: string | undefined;
  readonly guildId: string | undefined;
  readonly apiUrl: string;
  /** Connect to the gateway (the usual bot, DISCORD_TOKEN). */
  readonly gateway: boolean;
  /** Take interactions at /discord/interactions on PORT (DISCORD_PUBLIC_KEY). */
  readonly http: boolean;
}

/** Only the adapter's variables, with empty ones (a copied .env.example) counted as unset. */
function discordEnv(env: NodeJS.ProcessEnv): Record<string, string> {
  const picked: Record<string, string> = {};
  for (const name of DISCORD_VARIABLES) {
    const value = env[name];
    if (value !== undefined && value.trim() !== '') picked[name] = value;
  }
  return picked;
}

/**
 * Validates the environment for `serve`. Setting DISCORD_PUBLIC_KEY selects the HTTP endpoint
 * (a deployment that has it usually keeps DISCORD_TOKEN only to register commands); DISCORD_MODE
 * overrides the choice. Messages name the variables, never their values.
 */
export function loadDiscordConfig(env: NodeJS.ProcessEnv): DiscordConfig {
  const parsed = parseEnv(discordEnvSchema, discordEnv(env));
  const mode = parsed.DISCORD_MODE ?? (parsed.DISCORD_PUBLIC_KEY === undefined ? 'gateway' : 'http');
  return {
    token: parsed.DISCORD_TOKEN?.replace(/^Bot\s+/i, ''),
    applicationId: parsed.DISCORD_APPLICATION_ID,
    publicKey: parsed.DISCORD_PUBLIC_KEY?.toLowerCase(),
    guildId: parsed.DISCORD_GUILD_ID,
    apiUrl: (parsed.DISCORD_API_URL ?? DEFAULT_DISCORD_API_URL).replace(/\/+$/, ''),
    gateway: mode === 'gateway' || mode === 'both',
    http: mode === 'http' || mode === 'both',
  };
}

export interface RegisterConfig {
  readonly token: string;
  readonly applicationId: string;
  readonly guildId: string | undefined;
  readonly apiUrl: string;
}

/** What `policybot discord register` needs: the bot token and the application id, whatever the mode. */
export function loadRegisterConfig(
  env: NodeJS.ProcessEnv,
  scope: { readonly guild?: string | undefined; readonly global?: boolean } = {},
): RegisterConfig {
  const schema = z.object({
    DISCORD_TOKEN: z.string().trim().min(1),
    DISCORD_APPLICATION_ID: snowflake,
    DISCORD_GUILD_ID: snowflake.optional(),
    DISCORD_API_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
  });
  const parsed = parseEnv(schema, discordEnv(env));
  const { guild } = scope;
  if (guild !== undefined && !/^\d{17,20}$/.test(guild)) {
    throw new ConfigError('Invalid option:\n  --guild: must be a Discord server id (17 to 20 digits)');
  }
  return {
    token: parsed.DISCORD_TOKEN.replace(/^Bot\s+/i, ''),
    applicationId: parsed.DISCORD_APPLICATION_ID,
    guildId: scope.global ? undefined : (guild ?? parsed.DISCORD_GUILD_ID),
    apiUrl: (parsed.DISCORD_API_URL ?? DEFAULT_DISCORD_API_URL).replace(/\/+$/, ''),
  };
}
