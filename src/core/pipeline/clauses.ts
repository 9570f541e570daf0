import type { Language } from '../../knowledge/types.js';

/** A clause of a question, and whether it asks (a question or a request) rather than frames. */
export interface Clause {
  readonly text: string;
  readonly asks: boolean;
  /** A frame word opens it ("for my memo on the border"): who or what the question is for. */
  readonly frames?: boolean;
}

const escapeClass = (s: string): string => s.replace(/[\\\]^-]/g, '\\$&');
const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** What sets an opener off from the question: a pause ("ok, …", "ok fine. …", "alright — …"). */
const PAUSE = ',.!;:…\\-–—';

/** Phrases as one alternation, the longest first, each word apart by any space; undefined for none. */
function phrasePattern(phrases: readonly string[]): string | undefined {
  if (phrases.length === 0) return undefined;
  return [...phrases]
    .sort((a, b) => b.length - a.length)
    .map((o) => o.split(/\s+/).map(escapeRegExp).join('\\s+'))
    .join('|');
}

/**
 * Splits questions where people punctuate a preamble from the ask (`intents/language/clauses.yaml`):
 * "For my boss's memo on the border: what does 1787 say about ransomware?" is a preamble and an ask.
 */
export class ClauseSplitter {
  private readonly pattern: RegExp;
  private readonly asks: ReadonlySet<string>;
  private readonly frames: ReadonlySet<string>;
  private readonly opener: RegExp | undefined;
  /** Where a sentence ends: a mark that closes one (not a comma), then space. */
  private readonly sentenceEnd: RegExp;

  constructor(language: Language) {
    const marks = escapeClass(language.clauses.split);
    // A mark (and the quotation mark or bracket it closes) followed by space or the end; a dash with spaces around it; a parenthesis.
    // Or a subject cue ("… and wants to talk about …"): what follows it is what is asked about.
    const subjects = phrasePattern(language.clauses.subjects);
    this.pattern = new RegExp(
      `([${marks}]+)["'”’)\\]]*(?:\\s+|$)|\\s+[-–—]+\\s+|\\s*\\(|\\)\\s*` +
        (subjects === undefined ? '' : `|(\\s+(?:and\\s+)?(?:${subjects})\\s+)`),
      'iu',
    );
    const ends = escapeClass(language.clauses.split.replace(/,/g, ''));
    // Not the dot of an initialism ("through U.S. banks", "e.g. fraud"): a single letter before it.
    this.sentenceEnd = new RegExp(`(?<=(?<!(?:^|[\\s.])\\p{L})[${ends}]["'”’)\\]]*)\\s+`, 'u');
    this.asks = new Set(language.clauses.asks);
    this.frames = new Set(language.clauses.frames);
    // The longest opener first, so "ok fine." goes whole rather than "ok" and a stray "fine".
    const openers = phrasePattern(language.clauses.openers);
    this.opener =
      openers === undefined ? undefined : new RegExp(`^\\s*(?:${openers})\\s*[${PAUSE}]+\\s*`, 'iu');
  }

  /**
   * The question without the discourse particles that open it, set off by a pause ("ok, …", "ok
   * fine. …": `openers` in clauses.yaml); undefined when it has none, or nothing but them.
   */
  withoutOpeners(question: string): string | undefined {
    if (this.opener === undefined) return undefined;
    let rest = question;
    for (let m = this.opener.exec(rest); m !== null; m = this.opener.exec(rest)) {
      const after = rest.slice(m[0].length);
      if (!/[\p{L}\p{N}]/u.test(after)) break;
      rest = after;
    }
    return rest === question ? undefined : rest;
  }

  /**
   * The sentences that ask, when the question also has sentences that do not (a preamble: "Context:
   * member sits on SFOPS. She's skeptical INL money is well spent. What does 1787 say about INL?");
   * undefined when every sentence asks, or none does. What the question asks is read from these.
   */
  asking(plain: string): string | undefined {
    const sentences = plain
      .split(this.sentenceEnd)
      .map((s) => s.trim())
      .filter((s) => s.length > 0);
    if (sentences.length < 2) return undefined;
    const asks = sentences.map((s) => this.sentenceAsks(s));
    if (asks.every(Boolean) || !asks.some(Boolean)) return undefined;
    return sentences.filter((_, i) => asks[i]).join(' ');
  }

  /**
   * A sentence asks when it ends in a question mark, or one of its clauses asks: opens with a word
   * that asks, or follows a subject cue ("Counsel wants to know which document …").
   */
  private sentenceAsks(sentence: string): boolean {
    if (/\?["'”’)\]]*$/u.test(sentence)) return true;
    const clauses = this.parts(sentence);
    if (clauses.length > 0) return clauses.some((c) => c.asks);
    const first = (sentence.trim().split(/\s+/)[0] ?? '').toLowerCase();
    return first.length > 0 && !this.frames.has(first) && this.asks.has(first);
  }

  /** The clauses of two words or more; none when the question is one clause. */
  split(plain: string): Clause[] {
    const clauses = this.parts(plain).filter((c) => c.text.split(/\s+/).length >= 2);
    return clauses.length >= 2 ? clauses : [];
  }

  /**
   * Every clause, one word or more ("anyway, back to maritime security — tl;dr?" is three: a
   * follow-up's own words are often one); none when the question is one clause.
   */
  parts(plain: string): Clause[] {
    const clauses: Clause[] = [];
    let rest = plain;
    let cued = false;
    while (rest.length > 0) {
      const m = this.pattern.exec(rest);
      const text = (m === null ? rest : rest.slice(0, m.index)).trim();
      const mark = m?.[1] ?? '';
      rest = m === null ? '' : rest.slice(m.index + m[0].length);
      const afterCue = cued;
      cued = m?.[2] !== undefined;
      const words = text.split(/\s+/).filter(Boolean);
      if (words.length === 0) continue;
      const first = (words[0] ?? '').toLowerCase();
      // A clause a frame word opens ("for my boss's memo on the border", "re the hearing on X")
      // says who or what the question is for, even when it ends in a question mark; one a subject
      // cue opens ("… wants to talk about working with their cops") is what is asked about.
      const asks = afterCue || (!this.frames.has(first) && (mark.includes('?') || this.asks.has(first)));
      clauses.push({ text, asks, ...(this.frames.has(first) ? { frames: true } : {}) });
    }
    return clauses.length >= 2 ? clauses : [];
  }
}
