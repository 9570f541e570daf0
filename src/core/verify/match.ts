import type { SourceWord, StoredText } from './passages.js';
import type { ParsedQuotation, QuoteToken } from './quotation.js';

/** Where a quotation's words stand in a stored text: one range of word indexes per segment. */
export interface Placement {
  readonly text: StoredText;
  /** [start, end) of each segment, in order. */
  readonly segments: readonly (readonly [number, number])[];
  /** The source's words each bracketed insertion stands for: [start, end) and the writer's words. */
  readonly insertions: readonly { readonly start: number; readonly end: number; readonly text: string }[];
}

type Insertion = Placement['insertions'][number];

/** A bracketed insertion stands for at most this many of the source's words. */
const MAX_INSERTION = 6;

/**
 * Every word as the source has it, in order, the segments in order with anything between them
 * (what an ellipsis left out), a bracketed insertion for a few words. Case is free only where a
 * writer may change it: the first word of the quotation or of a segment, a word the source starts
 * a sentence with, and a bracketed change.
 */
export function placeExactly(
  quote: ParsedQuotation,
  texts: readonly StoredText[],
  /** How many unfair uses of ellipses and brackets a placement makes (none: all are fair). */
  unfairness: (placement: Placement) => number = () => 0,
): Placement | undefined {
  if (quote.segments.length === 0) return undefined;
  // Of every place the quotation fits, the fairest, then the tightest: read charitably, as a
  // reader would ("[transnational criminal organizations] and criminal actors" stands for "TCOs",
  // not for nothing before "and"); "Disrupt … human trafficking networks" is the one solution that
  // says so, not the first "Disrupt" of the page joined to a later one.
  let best: { placement: Placement; span: number; unfair: number } | undefined;
  for (const text of texts) {
    for (let start = 0; start < text.words.length; start++) {
      const found = placeSegments(quote.segments, 0, start, text.words, start);
      if (!found) continue;
      const span = (found.at(-1)?.range[1] ?? start) - (found[0]?.range[0] ?? start);
      const placement: Placement = {
        text,
        segments: found.map((f) => f.range),
        insertions: found.flatMap((f) => f.insertions),
      };
      const unfair = quote.segments.length > 1 || quote.insertions > 0 ? unfairness(placement) : 0;
      if (best === undefined || unfair < best.unfair || (unfair === best.unfair && span < best.span))
        best = { placement, span, unfair };
      if (quote.segments.length === 1) break;
    }
  }
  return best?.placement;
}

/** In how many places the stored texts hold the quotation's words. */
export function placesOf(quote: ParsedQuotation, texts: readonly StoredText[]): number {
  if (quote.segments.length === 0) return 0;
  let count = 0;
  for (const text of texts) {
    for (let start = 0; start < text.words.length; start++)
      if (placeSegments(quote.segments, 0, start, text.words, start)) count++;
  }
  return count;
}

function placeSegments(
  segments: readonly (readonly QuoteToken[])[],
  index: number,
  from: number,
  words: readonly SourceWord[],
  only?: number,
): { range: [number, number]; insertions: Insertion[] }[] | undefined {
  const segment = segments[index];
  if (segment === undefined) return [];
  // The first segment starts where asked (or anywhere); later ones anywhere after the one before.
  for (let start = from; start < (only === undefined ? words.length : only + 1); start++) {
    for (const { end, insertions } of segmentEnds(segment, 0, start, words, true)) {
      if (end === start) continue;
      const rest = placeSegments(segments, index + 1, end, words);
      if (rest) return [{ range: [start, end], insertions }, ...rest];
    }
  }
  return undefined;
}

/** The ends at which the tokens from `t` on match the words from `at` on. */
function segmentEnds(
  tokens: readonly QuoteToken[],
  t: number,
  at: number,
  words: readonly SourceWord[],
  first: boolean,
): { end: number; insertions: Insertion[] }[] {
  const token = tokens[t];
  if (token === undefined) return [{ end: at, insertions: [] }];
  if (token.kind === 'insertion') {
    const out: { end: number; insertions: Insertion[] }[] = [];
    for (let n = 0; n <= MAX_INSERTION && at + n <= words.length; n++) {
      for (const rest of segmentEnds(tokens, t + 1, at + n, words, false))
        out.push({
          end: rest.end,
          insertions: [{ start: at, end: at + n, text: token.text }, ...rest.insertions],
        });
    }
    return out;
  }
  const word = words[at];
  if (word === undefined || !sameWord(token, word, first)) return [];
  return segmentEnds(tokens, t + 1, at + 1, words, false);
}

function sameWord(token: QuoteToken & { kind: 'word' }, word: SourceWord, first: boolean): boolean {
  if (token.bracketed) {
    const { outside, full } = token.bracketed;
    const w = word.lower;
    const o = outside.toLowerCase();
    return w === full.toLowerCase() || w === o || (o.length >= 2 && (w.endsWith(o) || w.startsWith(o)));
  }
  if (token.key === word.key) return true;
  return (first || word.sentenceStart) && token.lower === word.lower;
}

/** The source's words closest to a quotation that is not in any source word for word. */
export interface Closest {
  readonly text: StoredText;
  /** [start, end) word indexes of the passage the quotation comes closest to. */
  readonly start: number;
  readonly end: number;
  /** The share of the quotation's weight found in the passage, in order. */
  readonly score: number;
}

/**
 * Candidate passages are each sentence and each run of two or three sentences of one paragraph;
 * the best is the one holding most of the quotation's words in order (a longest common
 * subsequence, content words weighing more than function words), then the shortest. The match is
 * then cut to the stretch the quotation covers.
 */
export function closestPassage(
  quote: ParsedQuotation,
  texts: readonly StoredText[],
  weight: (lower: string) => number,
): Closest | undefined {
  const q = quote.plain.map((w) => w.lower);
  const total = q.reduce((sum, w) => sum + weight(w), 0);
  if (total === 0) return undefined;
  let best: Closest | undefined;
  for (const text of texts) {
    const { sentences } = text;
    for (let i = 0; i < sentences.length; i++) {
      for (let n = 1; n <= 3 && i + n <= sentences.length; n++) {
        const first = sentences[i] as readonly [number, number];
        const last = sentences[i + n - 1] as readonly [number, number];
        const startWord = text.words[first[0]];
        const endWord = text.words[last[1] - 1];
        if (startWord === undefined || endWord === undefined || startWord.paragraph !== endWord.paragraph)
          continue;
        const window = text.words.slice(first[0], last[1]).map((w) => w.lower);
        const { weight: found, from, to } = alignment(q, window, weight);
        if (from < 0) continue;
        const score = found / total;
        const length = to - from;
        if (
          best === undefined ||
          score > best.score + 1e-9 ||
          (Math.abs(score - best.score) < 1e-9 && length < best.end - best.start)
        ) {
          // The passage runs from the first to the last word in common, stretched over the
          // quotation's own words before and after them (a changed first or last word).
          const lead = leadingMisses(q, window, from);
          const tail = trailingMisses(q, window, to);
          const start = first[0] + Math.max(0, from - lead);
          const end = Math.min(last[1], first[0] + to + tail);
          best = { text, start, end, score };
        }
      }
    }
  }
  return best;
}

/** The longest common subsequence by weight, and the window's first and last word in it. */
function alignment(q: readonly string[], w: readonly string[], weight: (lower: string) => number) {
  const rows = q.length + 1;
  const cols = w.length + 1;
  const table = new Float64Array(rows * cols);
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const diagonal =
        q[i - 1] === w[j - 1] ? (table[(i - 1) * cols + j - 1] ?? 0) + weight(q[i - 1] ?? '') : 0;
      table[i * cols + j] = Math.max(diagonal, table[(i - 1) * cols + j] ?? 0, table[i * cols + j - 1] ?? 0);
    }
  }
  // Walk back to find the window's words in the alignment.
  let i = q.length;
  let j = w.length;
  let from = -1;
  let to = -1;
  while (i > 0 && j > 0) {
    const here = table[i * cols + j] ?? 0;
    if (q[i - 1] === w[j - 1] && here === (table[(i - 1) * cols + j - 1] ?? 0) + weight(q[i - 1] ?? '')) {
      if (to < 0) to = j;
      from = j - 1;
      i--;
      j--;
    } else if (here === (table[(i - 1) * cols + j] ?? 0)) i--;
    else j--;
  }
  return { weight: table[rows * cols - 1] ?? 0, from, to };
}

/** How many of the quotation's words come before its first word found at window index `from`. */
function leadingMisses(q: readonly string[], w: readonly string[], from: number): number {
  const at = q.indexOf(w[from] ?? '');
  return Math.max(0, at);
}

function trailingMisses(q: readonly string[], w: readonly string[], to: number): number {
  const at = q.lastIndexOf(w[to - 1] ?? '');
  return at < 0 ? 0 : q.length - 1 - at;
}
