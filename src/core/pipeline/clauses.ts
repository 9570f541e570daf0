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

  constructor(language: Language) {
    const marks = escapeClass(language.clauses.split);
    // A mark followed by space or the end; a dash with spaces around it; a parenthesis.
    this.pattern = new RegExp(`([${marks}]+)(?:\\s+|$)|\\s+[-–—]+\\s+|\\s*\\(|\\)\\s*`, 'u');
    this.asks = new Set(language.clauses.asks);
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
      clauses.push({ text, asks: mark.includes('?') || this.asks.has((words[0] ?? '').toLowerCase()) });
    }
    return clauses.length >= 2 ? clauses : [];
  }
}
