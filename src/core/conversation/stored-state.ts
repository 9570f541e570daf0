import { z } from 'zod';
import { TOPIC_ID_PATTERN } from '../../knowledge/ids.js';
import { CITATION_STYLES } from '../citations/styles.js';
import type { ConversationState } from './store.js';

// A file of its own, apart from store.ts: the core and a one-shot `ask` hold conversations without
// reading one back, and so without loading zod (most of the CLI's start-up module compile time).
// Only a store that reads a stored record (Redis, a CLI session file) imports this.

const stateSchema = z.object({
  topic: z.string().regex(TOPIC_ID_PATTERN).optional(),
  style: z.enum(CITATION_STYLES).optional(),
  cited: z
    .array(z.object({ source: z.string().max(200), via: z.string().max(200).optional() }))
    .max(500)
    .optional(),
  notes: z.number().int().nonnegative().optional(),
  strength: z.number().min(0).max(1).optional(),
  since: z.number().nonnegative().optional(),
  self: z.boolean().optional(),
});

/**
 * A stored conversation read back (Redis, a CLI session file): what this code wrote, or nothing.
 * A record that does not parse is as good as forgotten, never trusted blindly.
 */
export function parseConversationState(raw: unknown): ConversationState | undefined {
  const parsed = stateSchema.safeParse(raw);
  if (!parsed.success) return undefined;
  const { topic, style, cited, notes, strength, since, self } = parsed.data;
  return {
    ...(self === true ? { self } : {}),
    ...(topic === undefined ? {} : { topic }),
    ...(strength === undefined ? {} : { strength }),
    ...(since === undefined ? {} : { since }),
    ...(style === undefined ? {} : { style }),
    ...(cited === undefined
      ? {}
      : {
          cited: cited.map((c) =>
            c.via === undefined ? { source: c.source } : { source: c.source, via: c.via },
          ),
        }),
    ...(notes === undefined ? {} : { notes }),
  };
}

