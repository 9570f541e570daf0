import type { Limit } from '../../knowledge/types.js';

/** One position of a pattern: any of its alternatives, or nothing when optional. */
interface Token {
  readonly alternatives: readonly { readonly text: string; readonly prefix: boolean }[];
  readonly number: boolean;
  readonly optional: boolean;
}

type Pattern = readonly Token[];

/** "who is|was? the? current|new? dni|director" as tokens (see content/limits.yaml for the syntax). */
export function compilePattern(source: string): Pattern {
  return source
    .trim()
    .split(/\s+/)
    .map((raw) => {
      const optional = raw.endsWith('?');
      const body = optional ? raw.slice(0, -1) : raw;
      if (body === '<number>') return { alternatives: [], number: true, optional };
      return {
        alternatives: body.split('|').map((alt) => ({
          text: alt.endsWith('*') ? alt.slice(0, -1) : alt,
          prefix: alt.endsWith('*'),
        })),
        number: false,
        optional,
      };
    });
}

function tokenMatches(token: Token, word: string): boolean {
  if (token.number) return /^\d+$/.test(word);
  return token.alternatives.some((a) => (a.prefix ? word.startsWith(a.text) : word === a.text));
}

/** Whether the pattern occurs anywhere in the words, as a run (optional tokens may be skipped). */
export function occurs(pattern: Pattern, words: readonly string[]): boolean {
  const from = (t: number, w: number): boolean => {
    if (t === pattern.length) return true;
    const token = pattern[t] as Token;
    if (w < words.length && tokenMatches(token, words[w] as string) && from(t + 1, w + 1)) return true;
    return token.optional && from(t + 1, w);
  };
  for (let start = 0; start < words.length; start++) if (from(0, start)) return true;
  return false;
}

interface CompiledLimit {
  readonly limit: Limit;
  readonly when: readonly Pattern[];
  readonly and: readonly Pattern[];
  readonly unless: readonly Pattern[];
}

/** The rules of content/limits.yaml, ready to test questions against. */
export class Limits {
  private readonly rules: readonly CompiledLimit[];

  constructor(limits: readonly Limit[]) {
    this.rules = limits.map((limit) => ({
      limit,
      when: limit.when.map(compilePattern),
      and: limit.and.map(compilePattern),
      unless: limit.unless.map(compilePattern),
    }));
  }

  /** The first rule the words fall under, if any. */
  match(words: readonly string[]): Limit | undefined {
    const any = (patterns: readonly Pattern[]): boolean => patterns.some((p) => occurs(p, words));
    return this.rules.find((r) => any(r.when) && (r.and.length === 0 || any(r.and)) && !any(r.unless))?.limit;
  }
}
