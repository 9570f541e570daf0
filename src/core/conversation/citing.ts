import type { Answer, Reference } from '../answer.js';
import type { CitedKey, ConversationState } from './store.js';

const same = (a: CitedKey, b: CitedKey): boolean => a.source === b.source && a.via === b.via;

/**
 * An answer in a conversation: its references get the conversation's footnotes (numbered in order
 * across answers; a source's first citation a full note, later ones short, CMOS 17 14.29), and
 * the conversation remembers every source cited, in order, for its bibliography.
 */
export function citeInConversation(
  answer: Answer,
  state: ConversationState | undefined,
): { readonly answer: Answer; readonly cited: readonly CitedKey[]; readonly notes: number } {
  const cited = [...(state?.cited ?? [])];
  let notes = state?.notes ?? 0;
  const references = answer.references.map((r): Reference => {
    const key: CitedKey = r.via === undefined ? { source: r.sourceId } : { source: r.sourceId, via: r.via };
    const before = cited.some((c) => same(c, key));
    if (!before) cited.push(key);
    // Only a cited quote or fact is a citation in the text; a source listed for reference is not.
    const cites = r.quotes.length > 0 || answer.facts.some((f) => f.sourceId === r.sourceId);
    if (r.note === undefined || !cites) return r;
    notes += 1;
    return { ...r, footnote: { number: notes, form: before ? 'short' : 'full' } };
  });
  return { answer: { ...answer, references }, cited, notes };
}
