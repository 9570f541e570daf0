import type { Language } from '../../knowledge/types.js';

/** A clause of a question, and whether it asks (a question or a request) rather than frames. */
export interface Clause {
  readonly text: string;
  readonly asks: boolean;
}

const escapeClass = (s: string): string => s.replace(/[\\\]^-]/g, '\\$&');

/**
 * Splits questions where people punctuate a preamble from the ask (`intents/language/clauses.yaml`):
 * "For my boss's memo on the border: what does 1787 say about ransomware?" is a preamble and an ask.
 */
export class ClauseSplitter {
  private readonly pattern: RegExp;
  private readonly asks: ReadonlySet<string>;
  private readonly frames: ReadonlySet<string>;

  constructor(language: Language) {
    const marks = escapeClass(language.clauses.split);
    // A mark (and the quotation mark or bracket it closes) followed by space or the end; a dash with spaces around it; a parenthesis.
    this.pattern = new RegExp(`([${marks}]+)["'”’)\\]]*(?:\\s+|$)|\\s+[-–—]+\\s+|\\s*\\(|\\)\\s*`, 'u');
    this.asks = new Set(language.clauses.asks);
    this.frames = new Set(language.clauses.frames);
  }

  /** The clauses of two words or more; none when the question is one clause. */
  split(plain: string): Clause[] {
    const clauses: Clause[] = [];
    let rest = plain;
    while (rest.length > 0) {
      const m = this.pattern.exec(rest);
      const text = (m === null ? rest : rest.slice(0, m.index)).trim();
      const mark = m?.[1] ?? '';
      rest = m === null ? '' : rest.slice(m.index + m[0].length);
      const words = text.split(/\s+/).filter(Boolean);
      if (words.length < 2) continue;
      const first = (words[0] ?? '').toLowerCase();
      // A clause a frame word opens ("for my boss's memo on the border", "re the hearing on X")
      // says who or what the question is for, even when it ends in a question mark.
      const asks = !this.frames.has(first) && (mark.includes('?') || this.asks.has(first));
      clauses.push({ text, asks });
    }
    return clauses.length >= 2 ? clauses : [];
  }
}
