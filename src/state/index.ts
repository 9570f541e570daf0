export { MemoryStateStore } from './memory/store.js';
export { openStateStore } from './open.js';
export type {
  KeySet,
  KeySetOptions,
  RateDecision,
  RateLimit,
  RateLimitOptions,
  SharedLog,
  StateStore,
  ValueMap,
} from './port.js';
