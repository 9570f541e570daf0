import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { z } from 'zod';
import { parseEnv } from './env.js';

/** An unset variable and an empty one (a copied `.env.example`) mean the same: the default. */
const blankIsUnset = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), schema.optional());

const number = (min: number, max: number, integer = false) =>
  blankIsUnset(
    z
      .string()
      .trim()
      .regex(integer ? /^\d+$/ : /^\d+(\.\d+)?$/, integer ? 'must be a whole number' : 'must be a number')
      .transform(Number)
      .pipe(z.number().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`)),
  );

/**
 * Where /metrics is served instead of PORT, in the form Prometheus exporters take a listen
 * address: `9464` or `:9464` (every interface), `127.0.0.1:9464`, `[::1]:9464`.
 */
const listenAddress = z
  .string()
  .trim()
  .regex(
    /^(?:(?:\[[0-9A-Fa-f:.]+\]|[^\s:[\]]+)?:)?\d{1,5}$/,
    'must be a port (9464) or host:port (127.0.0.1:9464, [::1]:9464)',
  )
  .transform((value) => {
    const at = value.lastIndexOf(':');
    const host = at === -1 ? '' : value.slice(0, at).replace(/^\[(.*)\]$/, '$1');
    return { host: host === '' ? undefined : host, port: Number(value.slice(at + 1)) };
  })
  .refine((address) => address.port <= 65_535, 'must be a port number (0-65535)');

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** What `policybot serve` needs beyond the core and the platforms: logs, limits, records, shutdown. */
export const opsEnvSchema = z.object({
  POLICYBOT_LOG_LEVEL: blankIsUnset(z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` })),
  POLICYBOT_LOG_FORMAT: blankIsUnset(z.enum(['json', 'pretty'], { error: 'must be json or pretty' })),
  POLICYBOT_RATE_LIMIT_CAPACITY: number(0, 10_000, true),
  POLICYBOT_RATE_LIMIT_REFILL_PER_MINUTE: number(0.01, 60_000),
  POLICYBOT_UNANSWERED_LOG: blankIsUnset(z.string().trim().min(1)),
  POLICYBOT_UNANSWERED_MAX_BYTES: number(1024, 1024 ** 3, true),
  POLICYBOT_LOW_CONFIDENCE: number(0, 1),
  POLICYBOT_USER_HASH_KEY: blankIsUnset(z.string().min(16, 'must be at least 16 characters')),
  POLICYBOT_SHUTDOWN_GRACE_SECONDS: number(0, 600),
  POLICYBOT_REDIS_URL: blankIsUnset(
    z
      .string()
      .trim()
      .refine(isRedisUrl, 'must be a redis:// or rediss:// URL (redis://:PASSWORD@HOST:6379/0)'),
  ),
  POLICYBOT_REDIS_PREFIX: blankIsUnset(
    z
      .string()
      .trim()
      .regex(/^[\w:.-]{1,64}$/, 'must be 1 to 64 letters, digits, or _ : . -'),
  ),
  POLICYBOT_REDIS_TIMEOUT_MS: number(10, 10_000, true),
  POLICYBOT_METRICS_ADDRESS: blankIsUnset(listenAddress),
  /** The citation page on PORT beside /healthz: on unless `off`. */
  POLICYBOT_WEB: blankIsUnset(
    z
      .string()
      .trim()
      .toLowerCase()
      .pipe(z.enum(['on', 'off'], { error: 'must be on or off' })),
  ),
});

/** A URL ioredis can open: the scheme and a host (a password in it is the usual way to pass one). */
function isRedisUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'redis:' || url.protocol === 'rediss:') && url.hostname !== '';
  } catch {
    return false;
  }
}

export interface OpsConfig {
  readonly logLevel: (typeof LOG_LEVELS)[number];
  /** Unset: pretty on a terminal, JSON lines otherwise. */
  readonly logFormat: 'json' | 'pretty' | undefined;
  /** Questions one person may ask at once; 0 turns rate limiting off. */
  readonly rateLimitCapacity: number;
  readonly rateLimitRefillPerMinute: number;
  /** JSON lines of what it could not answer; undefined when set to "off". */
  readonly unansweredLog: string | undefined;
  readonly unansweredMaxBytes: number;
  /** An answer below this confidence is recorded as a near miss, although it was given. */
  readonly lowConfidence: number;
  readonly userHashKey: string | undefined;
  readonly shutdownGraceMs: number;
  /** Where state shared by replicas lives; unset, it stays in this process's memory. */
  readonly redis: { readonly url: string; readonly prefix: string; readonly timeoutMs: number } | undefined;
  /** A listener of its own for /metrics (not on PORT, with the webhooks); unset, /metrics is on PORT. */
  readonly metricsAddress: { readonly host: string | undefined; readonly port: number } | undefined;
  /** The citation page (src/web) on PORT: on unless POLICYBOT_WEB=off. */
  readonly web: boolean;
}

export const OPS_DEFAULTS = {
  rateLimitCapacity: 30,
  rateLimitRefillPerMinute: 60,
  unansweredMaxBytes: 10 * 1024 * 1024,
  lowConfidence: 0.65,
  shutdownGraceSeconds: 10,
  redisPrefix: 'policybot:',
  redisTimeoutMs: 100,
} as const;

/**
 * policybot's per-user state folder, as the XDG Base Directory specification places state (data
 * that outlives a run but is not a document of the user's): $XDG_STATE_HOME/policybot, else
 * ~/.local/state/policybot. The curators' record goes there unless POLICYBOT_UNANSWERED_LOG says
 * otherwise, so starting the chat in some folder never leaves a file in it.
 */
export function stateDir(env: NodeJS.ProcessEnv): string {
  const xdg = env.XDG_STATE_HOME?.trim();
  // The specification: a relative path is invalid and is ignored.
  const base = xdg && isAbsolute(xdg) ? xdg : join(env.HOME?.trim() || homedir(), '.local', 'state');
  return join(base, 'policybot');
}

/** Where the curators' record goes when POLICYBOT_UNANSWERED_LOG is unset. */
export function defaultUnansweredLog(env: NodeJS.ProcessEnv): string {
  return join(stateDir(env), 'unanswered.jsonl');
}

/** Validates the operations variables, naming every wrong one (never its value). */
export function loadOpsConfig(env: NodeJS.ProcessEnv): OpsConfig {
  const p = parseEnv(opsEnvSchema, env);
  const log = p.POLICYBOT_UNANSWERED_LOG ?? defaultUnansweredLog(env);
  return {
    logLevel: p.POLICYBOT_LOG_LEVEL ?? 'info',
    logFormat: p.POLICYBOT_LOG_FORMAT,
    rateLimitCapacity: p.POLICYBOT_RATE_LIMIT_CAPACITY ?? OPS_DEFAULTS.rateLimitCapacity,
    rateLimitRefillPerMinute:
      p.POLICYBOT_RATE_LIMIT_REFILL_PER_MINUTE ?? OPS_DEFAULTS.rateLimitRefillPerMinute,
    unansweredLog: log.toLowerCase() === 'off' ? undefined : log,
    unansweredMaxBytes: p.POLICYBOT_UNANSWERED_MAX_BYTES ?? OPS_DEFAULTS.unansweredMaxBytes,
    lowConfidence: p.POLICYBOT_LOW_CONFIDENCE ?? OPS_DEFAULTS.lowConfidence,
    userHashKey: p.POLICYBOT_USER_HASH_KEY,
    shutdownGraceMs: (p.POLICYBOT_SHUTDOWN_GRACE_SECONDS ?? OPS_DEFAULTS.shutdownGraceSeconds) * 1000,
    redis:
      p.POLICYBOT_REDIS_URL === undefined
        ? undefined
        : {
            url: p.POLICYBOT_REDIS_URL,
            prefix: p.POLICYBOT_REDIS_PREFIX ?? OPS_DEFAULTS.redisPrefix,
            timeoutMs: p.POLICYBOT_REDIS_TIMEOUT_MS ?? OPS_DEFAULTS.redisTimeoutMs,
          },
    metricsAddress: p.POLICYBOT_METRICS_ADDRESS,
    web: p.POLICYBOT_WEB !== 'off',
  };
}
