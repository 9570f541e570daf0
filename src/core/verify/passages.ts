import type { KnowledgeBase } from '../../knowledge/types.js';
import { type Word, wordsOf } from './words.js';
import { runsAt } from '../text/lexicon.js';

/** A word of a stored source text, with whose words it is and where it stands. */
export interface SourceWord extends Word {
  /** The source whose words these are: the page's own, or a source the page quotes. */
  readonly author: string;
  readonly sentence: number;
  readonly paragraph: number;
  /** The first word of its sentence (case is free there: a quotation may begin mid-sentence). */
  readonly sentenceStart: boolean;
  /**
   * The statement it belongs to: a passage a topic quotes as one (one of 1787's solutions, one of
   * the assessment's warnings), by its first word's index; -1 outside any.
   */
  readonly statement: number;
}

/** One stored text (a page we hold), split into words that each know their author. */
export interface StoredText {
  /** The source the text is stored for (1787's page). */
  readonly hostId: string;
  readonly text: string;
  readonly words: readonly SourceWord[];
  /** Each sentence as a range of word indexes [start, end). */
  readonly sentences: readonly (readonly [number, number])[];
  /** Each paragraph as a range of word indexes [start, end). */
  readonly paragraphs: readonly (readonly [number, number])[];
}

/**
 * The stored texts of the knowledge base. Whose words are whose comes from the knowledge base's
 * own data: a topic's quote of a source that is `quotedIn` a page marks those words of the page as
 * that source's (the assessment's warnings, relayed by 1787); everything else on the page (its ten
 * solutions, its headings, its own sentences around the quotes) is the page's.
 */
export function storedTexts(kb: KnowledgeBase): StoredText[] {
  const out: StoredText[] = [];
  for (const source of kb.sources.values()) {
    // A source quoted in a page carries that page's text too: the page is the one to read.
    if (source.storedText === undefined || source.quotedIn !== undefined) continue;
    out.push(build(kb, source.id, source.storedText));
  }
  return out;
}

function build(kb: KnowledgeBase, hostId: string, text: string): StoredText {
  const raw = wordsOf(text);
  const rawKeys = raw.map((w) => w.key);
  const statementLength = new Map<number, number>();
  const paragraphOf = paragraphIndex(text, raw);
  const sentenceOf = sentenceIndex(text, raw, paragraphOf);
  const authors: string[] = raw.map(() => hostId);
  const statements: number[] = raw.map(() => -1);
  for (const topic of kb.topics.values()) {
    for (const quote of topic.quotes) {
      const quoted = kb.sources.get(quote.source);
      if (quoted === undefined || (quoted.id !== hostId && quoted.quotedIn !== hostId)) continue;
      const keys = wordsOf(quote.text).map((w) => w.key);
      for (const at of runsAt(rawKeys, keys)) {
        for (let i = at; i < at + keys.length; i++) {
          if (quoted.id !== hostId) authors[i] = quoted.id;
          // The shortest quote holding a word is its statement (a page's whole passage may be quoted too).
          const current = statements[i] ?? -1;
          if (current < 0 || keys.length < (statementLength.get(current) ?? Infinity)) {
            statements[i] = at;
            statementLength.set(at, keys.length);
          }
        }
      }
    }
  }
  const words: SourceWord[] = raw.map((w, i) => ({
    ...w,
    author: authors[i] ?? hostId,
    sentence: sentenceOf[i] ?? 0,
    paragraph: paragraphOf[i] ?? 0,
    sentenceStart: i === 0 || sentenceOf[i - 1] !== sentenceOf[i],
    statement: statements[i] ?? -1,
  }));
  return {
    hostId,
    text,
    words,
    sentences: ranges(sentenceOf),
    paragraphs: ranges(paragraphOf),
  };
}

/** Paragraphs are separated by a blank line (or a line break: the stored page has one per block). */
function paragraphIndex(text: string, words: readonly { start: number }[]): number[] {
  const breaks = [...text.matchAll(/\n\s*/g)].map((m) => m.index);
  return words.map((w) => breaks.filter((b) => b < w.start).length);
}

/**
 * A sentence ends at . ! or ? (and any closing quote marks) before a space, unless the dot ends a
 * dotted abbreviation ("U.S. Director"); a paragraph always ends one.
 */
function sentenceIndex(text: string, words: readonly { start: number; end: number }[], paragraph: number[]) {
  const out: number[] = [];
  let sentence = 0;
  words.forEach((w, i) => {
    if (i > 0) {
      const previous = words[i - 1] as { start: number; end: number };
      const between = text.slice(previous.end, w.start);
      const word = text.slice(previous.start, previous.end);
      const abbreviation =
        /\./.test(word) && between.startsWith('.') && !/[.!?]["”’)]*\s/.test(between.slice(1));
      if (paragraph[i] !== paragraph[i - 1] || (/[.!?]/.test(between) && !abbreviation)) sentence++;
    }
    out.push(sentence);
  });
  return out;
}

function ranges(index: readonly number[]): [number, number][] {
  const out: [number, number][] = [];
  index.forEach((value, i) => {
    const last = out[out.length - 1];
    if (last !== undefined && index[i - 1] === value) last[1] = i + 1;
    else out.push([i, i + 1]);
  });
  return out;
}

/**
 * The headings of a stored text, as lower-case words: its lines that are no sentence (no closing
 * stop), such as "1787's Solutions". A quoted heading names a part of a page, like a title.
 */
export function headingsOf(text: StoredText): string[] {
  return text.paragraphs.flatMap(([start, end]) => {
    const last = text.words[end - 1];
    if (last === undefined || /^[\s"”’)]*[.!?:]/u.test(text.text.slice(last.end))) return [];
    return [
      text.words
        .slice(start, end)
        .map((w) => w.lower)
        .join(' '),
    ];
  });
}
