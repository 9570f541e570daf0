import { z } from 'zod';
import { CITATION_STYLES, type CitationStyle } from '../core/citations/styles.js';
import type { StateStore, ValueMap } from './port.js';

/** What a person chose for themselves on a platform; every field optional (unset: the bot's default). */
export interface UserPreferences {
  /** The citation style of every answer and citation they get on that platform. */
  readonly style?: CitationStyle;
}

/** A stored record, read back through a schema: a record an older or newer version wrote is not trusted blindly. */
const stored = z.object({ style: z.enum(CITATION_STYLES).optional() });

/**
 * Per-person preferences, one record per platform and user (`slack:T0001:U0001`, `discord:123`),
 * in the state store: shared by every replica when it is Redis, in this process's memory
 * otherwise. A preference is kept a year from when it was last set.
 */
export interface PreferenceStore {
  get(user: string): Promise<UserPreferences>;
  /** Merges the given fields into the person's record. */
  set(user: string, change: UserPreferences): Promise<void>;
}

export function preferenceStore(state: StateStore): PreferenceStore {
  const map: ValueMap = state.values('preferences', { ttlMs: 365 * 24 * 3600_000, max: 100_000 });
  const get = async (user: string): Promise<UserPreferences> => {
    const raw = await map.get(user);
    if (raw === undefined) return {};
    try {
      const parsed = stored.safeParse(JSON.parse(raw));
      return parsed.success ? withoutUndefined(parsed.data) : {};
    } catch {
      return {};
    }
  };
  return {
    get,
    async set(user, change) {
      await map.put(user, JSON.stringify({ ...(await get(user)), ...withoutUndefined(change) }));
    },
  };
}

function withoutUndefined(prefs: { style?: CitationStyle | undefined }): UserPreferences {
  return prefs.style === undefined ? {} : { style: prefs.style };
}
