import type { OpsConfig } from '../config/ops.js';
import { DEFAULT_CONVERSATION_TTL_MS } from '../core/conversation/store.js';
import type { Logger } from '../runtime/logger.js';
import { MemoryStateStore } from './memory/store.js';
import type { StateStore } from './port.js';

export interface OpenStateOptions {
  readonly logger: Logger;
  readonly conversationTtlMs?: number;
  /** Overrides the configured command timeout (a report reads more than a question does). */
  readonly timeoutMs?: number;
}

/**
 * The state store the configuration asks for: Redis when POLICYBOT_REDIS_URL is set (connected
 * before this returns, or the start fails naming the variable), else this process's memory,
 * which needs nothing. ioredis is loaded only in the first case.
 */
export async function openStateStore(config: OpsConfig, options: OpenStateOptions): Promise<StateStore> {
  const ttl = options.conversationTtlMs;
  if (config.redis === undefined) {
    return new MemoryStateStore(ttl === undefined ? {} : { conversationTtlMs: ttl });
  }
  const { connectRedisState } = await import('./redis/store.js');
  return connectRedisState({
    url: config.redis.url,
    prefix: config.redis.prefix,
    timeoutMs: options.timeoutMs ?? config.redis.timeoutMs,
    conversationTtlMs: ttl ?? DEFAULT_CONVERSATION_TTL_MS,
    logger: options.logger,
  });
}
