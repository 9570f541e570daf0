import type { Found } from './find.js';

export interface Span {
  readonly start: number;
  readonly end: number;
}

/**
 * The text with each quotation's words blanked out (same length, line breaks kept): what the writer
 * says around the quotations, where authors and cues are read. A quotation that ends a sentence
 * keeps its final stop, so the sentence still ends there.
 */
export function maskQuotations(text: string, found: readonly Found[]): string {
  // UTF-16 units, so offsets stay those of the text.
  const units = text.split('');
  for (const f of found) {
    for (let i = f.start; i < f.end; i++) if (units[i] !== '\n') units[i] = ' ';
    const last = text[f.end - 1];
    if (last !== undefined && /[.!?]/.test(last)) units[f.end - 1] = last;
  }
  return units.join('');
}

/**
 * Sentences of the (masked) text: ended by . ! or ? (and closing marks) before a space, by a blank
 * line, or by a line that starts a list item or a block quote. A dot after a dotted abbreviation
 * ("U.S.") does not end one.
 */
export function sentencesOf(masked: string): Span[] {
  const out: Span[] = [];
  let start = 0;
  const end = /[.!?]+["”’')\]]*(?=\s+(?!\p{Ll})|\s*$)|\n[ \t]*\n|\n(?=[ \t]*(?:[-*•>]|\d+[.)])\s)/gu;
  for (const m of masked.matchAll(end)) {
    const stop = m.index + m[0].length;
    if (
      m[0].startsWith('.') &&
      /(?:^|[\s(])(?:[\p{L}]\.){1,3}[\p{L}]?$/u.test(masked.slice(Math.max(0, m.index - 6), m.index + 1))
    )
      continue;
    if (masked.slice(start, stop).trim() !== '') out.push({ start, end: stop });
    start = stop;
  }
  if (masked.slice(start).trim() !== '') out.push({ start, end: masked.length });
  return out;
}

/** The sentence holding a position, the sentences before it, nearest first, and the one after it. */
export function sentenceAt(
  sentences: readonly Span[],
  at: number,
): { sentence: Span; earlier: Span[]; next: Span | undefined } {
  const index = sentences.findIndex((s) => at >= s.start && at < s.end);
  const i = index < 0 ? sentences.length - 1 : index;
  const sentence = sentences[i] ?? { start: 0, end: 0 };
  return { sentence, earlier: sentences.slice(0, Math.max(0, i)).reverse(), next: sentences[i + 1] };
}
