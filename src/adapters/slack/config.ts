import { z } from 'zod';
import { parseEnv } from '../../config/env.js';

export { isSlackConfigured } from './detect.js';

/** An unset variable and an empty one (`SLACK_APP_TOKEN=` in a .env file) mean the same: not set. */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), schema.optional());

const secret = (prefix: string, what: string) =>
  z
    .string()
    .trim()
    .refine((v) => v.startsWith(prefix), `must be ${what} (it starts with "${prefix}")`);

export const slackEnvSchema = z
  .object({
    SLACK_BOT_TOKEN: secret('xoxb-', 'the bot token from "OAuth & Permissions"'),
    SLACK_SIGNING_SECRET: optional(z.string().trim().min(1)),
    SLACK_APP_TOKEN: optional(secret('xapp-', 'an app-level token with the connections:write scope')),
    PORT: optional(
      z
        .string()
        .trim()
        .regex(/^\d+$/, 'must be a port number')
        .transform(Number)
        .pipe(z.number().int().min(0).max(65_535)),
    ),
    SLACK_API_URL: optional(
      z
        .url({ protocol: /^https?$/, error: 'must be an http(s) URL such as https://slack.com/api/' })
        .transform((url) => (url.endsWith('/') ? url : `${url}/`)),
    ),
    SLACK_COMMAND: optional(
      z
        .string()
        .trim()
        .regex(/^\/?[a-z0-9_-]{1,31}$/, 'must be a slash command name such as /policy')
        .transform((name) => (name.startsWith('/') ? name : `/${name}`)),
    ),
  })
  .superRefine(
    (env, ctx) => {
      if (isBlank(env.SLACK_APP_TOKEN) && isBlank(env.SLACK_SIGNING_SECRET)) {
        ctx.addIssue({
          code: 'custom',
          path: ['SLACK_SIGNING_SECRET'],
          message:
            'is required in HTTP mode (from "Basic Information" of the Slack app); or set SLACK_APP_TOKEN for Socket Mode',
        });
      }
    },
    // Also when another variable is wrong, so that one start-up names every mistake.
    { when: () => true },
  );

function isBlank(value: unknown): boolean {
  return typeof value !== 'string' || value.trim() === '';
}

export interface SlackConfig {
  readonly botToken: string;
  /** Socket Mode when set: no public URL needed. */
  readonly appToken?: string;
  /** HTTP mode: requests to /slack/events are verified with it. */
  readonly signingSecret?: string;
  readonly port: number;
  /** The Web API base, ending in "/"; Slack's own when unset. */
  readonly apiUrl?: string;
  readonly command: string;
}

export const DEFAULT_COMMAND = '/policy';
export const DEFAULT_PORT = 3000;

/** Validates the Slack variables, naming every wrong one (never its value). */
export function loadSlackConfig(env: NodeJS.ProcessEnv): SlackConfig {
  const parsed = parseEnv(slackEnvSchema, env);
  return {
    botToken: parsed.SLACK_BOT_TOKEN,
    ...(parsed.SLACK_APP_TOKEN === undefined ? {} : { appToken: parsed.SLACK_APP_TOKEN }),
    ...(parsed.SLACK_SIGNING_SECRET === undefined ? {} : { signingSecret: parsed.SLACK_SIGNING_SECRET }),
    port: parsed.PORT ?? DEFAULT_PORT,
    ...(parsed.SLACK_API_URL === undefined ? {} : { apiUrl: parsed.SLACK_API_URL }),
    command: parsed.SLACK_COMMAND ?? DEFAULT_COMMAND,
  };
}
