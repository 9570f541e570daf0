import { findQuotations } from './find.js';
import { MIN_WORDS, wordCount } from './quotation.js';
import { maskQuotations } from './sentences.js';

/**
 * Whether a message in a conversation is text to check rather than a question, read from its
 * structure alone: it holds a quotation long enough to check, and what is around the quotations is
 * not a question (no question mark ends it). "check these quotes: “…”", a pasted memo paragraph,
 * a quotation on its own; not 'what does "low risk crimes of opportunity" mean?'. Every surface
 * that takes free text asks this, so the same message is checked everywhere alike.
 */
export function asksToVerify(text: string): boolean {
  const found = findQuotations(text);
  if (!found.some((f) => wordCount(f.quote) >= MIN_WORDS)) return false;
  const around = maskQuotations(text, found).replace(/["“”„«»'‘’\s]+$/u, '');
  return !around.endsWith('?');
}
