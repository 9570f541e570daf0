export { MemoryStateStore } from './memory/store.js';
export { openStateStore } from './open.js';
export { type PreferenceStore, preferenceStore, type UserPreferences } from './preferences.js';
export { RECENT_MAX, type RecentAnswer, type RecentAnswers, recentAnswers } from './recent.js';
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
