import { z } from 'zod';
import type { StateStore, ValueMap } from './port.js';

/** An answer a person was given, as their history shows it: what it was about and where it comes from. */
export interface RecentAnswer {
  readonly title: string;
  /** The topic answered (for a button that opens it again), or null. */
  readonly topic: string | null;
  /** The references it gave, each ready to paste, in the style it was given in. */
  readonly references: readonly string[];
  /** When, in ms since the epoch. */
  readonly at: number;
}

const entry = z.object({
  title: z.string(),
  topic: z.string().nullable(),
  references: z.array(z.string()),
  at: z.number(),
});
const list = z.array(entry);

/** How many answers a person's history keeps (the Slack Home tab shows them). */
export const RECENT_MAX = 5;

/** Each person's last answers, newest first, in the state store; kept 30 days from the last one. */
export interface RecentAnswers {
  list(user: string): Promise<RecentAnswer[]>;
  add(user: string, answer: RecentAnswer): Promise<void>;
}

export function recentAnswers(state: StateStore): RecentAnswers {
  const map: ValueMap = state.values('recent-answers', { ttlMs: 30 * 24 * 3600_000, max: 100_000 });
  const read = async (user: string): Promise<RecentAnswer[]> => {
    const raw = await map.get(user);
    if (raw === undefined) return [];
    try {
      const parsed = list.safeParse(JSON.parse(raw));
      return parsed.success ? parsed.data : [];
    } catch {
      return [];
    }
  };
  return {
    list: read,
    async add(user, answer) {
      // The same answer again moves to the top rather than filling the list.
      const rest = (await read(user)).filter((a) => !(a.title === answer.title && a.topic === answer.topic));
      await map.put(user, JSON.stringify([answer, ...rest].slice(0, RECENT_MAX)));
    },
  };
}
