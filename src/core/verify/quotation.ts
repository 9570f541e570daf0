import { foldWord, wordsOf } from './words.js';

/**
 * Quotations shorter than this (two or three words) are checked only when they are credited to
 * someone and are a source's distinctive wording: words it writes in one place only ("drive
 * migration", "global health crisis"). A phrase no source holds is a label or a scare quote ("the
 * “northern border” language"); one a source writes in several places is its vocabulary, and a
 * quoted name its title (“Transnational Crime”).
 */
export const MIN_WORDS = 4;

/**
 * A quotation read by the usual editing conventions: an ellipsis ("…", "...", ". . .", "[…]")
 * marks words left out; square brackets mark the writer's own words, either standing for some of
 * the source's ("[TCOs] endanger") or changing a word's form ("[t]ransnational", "threaten[s]");
 * "[sic]" and "[emphasis added]" are the writer's remarks and stand for nothing.
 */
export type QuoteToken =
  | {
      readonly kind: 'word';
      readonly key: string;
      readonly lower: string;
      /** Written with a bracketed change inside it: matches the source's word with that part changed. */
      readonly bracketed?: { readonly outside: string; readonly full: string };
    }
  /** A bracketed insertion standing for a few of the source's words (or none). */
  | { readonly kind: 'insertion'; readonly text: string };

export interface ParsedQuotation {
  /** Runs of words the source must hold in a row; an ellipsis separates them. */
  readonly segments: readonly (readonly QuoteToken[])[];
  /** The quote's words without the writer's marks: what an altered quote is compared with. */
  readonly plain: readonly { readonly key: string; readonly lower: string }[];
  readonly ellipses: number;
  readonly insertions: number;
}

const ELLIPSIS = /\[\s*(?:…|\.\s?\.\s?\.)\s*\]|…|\.\s?\.\s?\.(?:\s?\.)?/gu;
const REMARK = /^(?:sic|emphasis (?:added|mine|in original)|italics (?:added|mine))$/i;
const MARK = '\uE000';

export function parseQuotation(text: string): ParsedQuotation {
  const parts = text.replace(ELLIPSIS, MARK).split(MARK);
  const segments: QuoteToken[][] = [];
  let insertions = 0;
  for (const part of parts) {
    const tokens: QuoteToken[] = [];
    // Brackets inside a word change its form; brackets around whole words stand for source words.
    const pieces = part.split(/(\[[^\]]*\])/u);
    let glued = '';
    const flush = (): void => {
      if (glued === '') return;
      for (const chunk of glued.split(/\s+/u)) tokens.push(...wordTokens(chunk));
      glued = '';
    };
    pieces.forEach((piece, i) => {
      if (!piece.startsWith('[')) {
        glued += piece;
        return;
      }
      const inner = piece.slice(1, -1).trim();
      if (REMARK.test(inner)) return;
      const before = pieces[i - 1] ?? '';
      const after = pieces[i + 1] ?? '';
      const attached = /[\p{L}\p{N}]$/u.test(before) || /^[\p{L}\p{N}]/u.test(after);
      if (attached && /^[\p{L}\p{N}'’-]*$/u.test(inner)) {
        // Kept as a marked run inside the word: "[t]ransnational" -> "\uE001t\uE002ransnational".
        glued += `\uE001${inner}\uE002`;
        return;
      }
      flush();
      insertions++;
      tokens.push({ kind: 'insertion', text: inner });
    });
    flush();
    if (tokens.length > 0) segments.push(tokens);
  }
  const plain = segments.flatMap((s) =>
    s.flatMap((t) => {
      if (t.kind !== 'word') return [];
      const key = t.bracketed?.full ?? t.key;
      return [{ key, lower: key.toLowerCase() }];
    }),
  );
  return { segments, plain, ellipses: Math.max(0, parts.length - 1), insertions };
}

/** The words of a chunk of text, one of which may carry a bracketed change. */
function wordTokens(chunk: string): QuoteToken[] {
  if (!chunk.includes('\uE001')) {
    return wordsOf(chunk).map((w) => ({ kind: 'word', key: w.key, lower: w.lower }));
  }
  const full = foldWord(chunk.replace(/[\uE001\uE002]/g, '')).replace(
    /^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu,
    '',
  );
  const outside = foldWord(chunk.replace(/\uE001[^\uE002]*\uE002/g, '')).replace(
    /^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu,
    '',
  );
  return [{ kind: 'word', key: full, lower: full.toLowerCase(), bracketed: { outside, full } }];
}

/** How many words the quotation has, not counting the writer's marks. */
export function wordCount(text: string): number {
  return wordsOf(text.replace(/\[[^\]]*\]/g, ' ')).length;
}
