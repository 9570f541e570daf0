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
  const { alternatives } = token;
  for (let i = 0; i < alternatives.length; i++) {
    const a = alternatives[i] as { readonly text: string; readonly prefix: boolean };
    if (a.prefix ? word.startsWith(a.text) : word === a.text) return true;
  }
  return false;
}

/** Whether the pattern's tokens from `t` on match the words from `w` on (optional ones may be skipped). */
function matchesFrom(pattern: Pattern, words: readonly string[], t: number, w: number): boolean {
  if (t === pattern.length) return true;
  const token = pattern[t] as Token;
  if (
    w < words.length &&
    tokenMatches(token, words[w] as string) &&
    matchesFrom(pattern, words, t + 1, w + 1)
  )
    return true;
  return token.optional && matchesFrom(pattern, words, t + 1, w);
}

/** Where the pattern's run ends when it starts at `w` (optional tokens may be skipped), or -1. */
function endFrom(pattern: Pattern, words: readonly string[], t: number, w: number): number {
  if (t === pattern.length) return w;
  const token = pattern[t] as Token;
  if (w < words.length && tokenMatches(token, words[w] as string)) {
    const end = endFrom(pattern, words, t + 1, w + 1);
    if (end >= 0) return end;
  }
  return token.optional ? endFrom(pattern, words, t + 1, w) : -1;
}

/** Whether the pattern occurs anywhere in the words, as a run (optional tokens may be skipped). */
export function occurs(pattern: Pattern, words: readonly string[]): boolean {
  for (let start = 0; start < words.length; start++) if (matchesFrom(pattern, words, 0, start)) return true;
  return false;
}

/**
 * A pattern, and what a question must have for it to occur: one of the words of its first token
 * that is not optional (`needs`), or, when that token is a number or has a prefix, some word that
 * token matches (`needsToken`); neither when every token is optional.
 */
interface Compiled {
  readonly pattern: Pattern;
  readonly needs: readonly string[] | undefined;
  readonly needsToken: Token | undefined;
}

/** Every run the pattern matches has a word for its first token that is not optional. */
function compile(source: string): Compiled {
  const pattern = compilePattern(source);
  const token = pattern.find((t) => !t.optional);
  const exact = token !== undefined && !token.number && !token.alternatives.some((a) => a.prefix);
  return {
    pattern,
    needs: exact ? token.alternatives.map((a) => a.text) : undefined,
    // Looked for word by word: one pass over the question, where occurs() tries every start.
    needsToken: exact ? undefined : token,
  };
}

/** One question as the rules read it: its words, as a list and a set, and what was worked out once. */
interface Reading {
  readonly words: readonly string[];
  readonly present: ReadonlySet<string>;
  /** The pattern sets one of the question's words opens. */
  readonly opened: ReadonlySet<PatternSet>;
  /** Per token that needs some word to match it (a number, a prefix): whether one does. */
  readonly tokens: Map<Token, boolean>;
}

function someWordMatches(token: Token, reading: Reading): boolean {
  let found = reading.tokens.get(token);
  if (found === undefined) {
    found = reading.words.some((w) => tokenMatches(token, w));
    reading.tokens.set(token, found);
  }
  return found;
}

/**
 * Patterns filed by the words they need: a question tries only the patterns one of its words
 * opens (and those that need no one word), not every pattern of every rule.
 */
class PatternSet {
  private readonly byWord = new Map<string, Compiled[]>();
  private readonly others: Compiled[] = [];
  readonly size: number;

  constructor(patterns: readonly Compiled[]) {
    this.size = patterns.length;
    for (const p of patterns) {
      if (p.needs === undefined) {
        this.others.push(p);
        continue;
      }
      for (const word of new Set(p.needs)) {
        const list = this.byWord.get(word);
        if (list === undefined) this.byWord.set(word, [p]);
        else list.push(p);
      }
    }
  }

  /** The words that open some of the patterns. */
  get words(): Iterable<string> {
    return this.byWord.keys();
  }

  /** Whether any of the patterns occurs in the question's words. */
  anyOccurs(reading: Reading): boolean {
    const { words } = reading;
    for (let i = 0; i < this.others.length; i++) {
      const { pattern, needsToken } = this.others[i] as Compiled;
      if (needsToken !== undefined && !someWordMatches(needsToken, reading)) continue;
      if (occurs(pattern, words)) return true;
    }
    if (!reading.opened.has(this)) return false;
    for (const word of reading.present) {
      const list = this.byWord.get(word);
      if (list === undefined) continue;
      for (let i = 0; i < list.length; i++) if (occurs((list[i] as Compiled).pattern, words)) return true;
    }
    return false;
  }
}

interface CompiledLimit {
  readonly limit: Limit;
  readonly when: readonly Compiled[];
  readonly whenSet: PatternSet;
  readonly and: PatternSet;
  readonly unless: PatternSet;
}

/** The rules of content/limits.yaml, ready to test questions against. */
export class Limits {
  private readonly rules: readonly CompiledLimit[];
  /** Per word, the pattern sets (of every rule) it opens: one look-up per word of a question. */
  private readonly opens = new Map<string, PatternSet[]>();

  constructor(limits: readonly Limit[]) {
    this.rules = limits.map((limit) => {
      const when = limit.when.map(compile);
      return {
        limit,
        when,
        whenSet: new PatternSet(when),
        and: new PatternSet(limit.and.map(compile)),
        unless: new PatternSet(limit.unless.map(compile)),
      };
    });
    for (const r of this.rules)
      for (const set of [r.whenSet, r.and, r.unless])
        for (const word of set.words) {
          const sets = this.opens.get(word);
          if (sets === undefined) this.opens.set(word, [set]);
          else sets.push(set);
        }
  }

  /** The first rule the words fall under, with the run of words its `when` matched. */
  matchAt(words: readonly string[]): { limit: Limit; start: number; end: number } | undefined {
    const limit = this.match(words);
    if (limit === undefined) return undefined;
    const rule = this.rules.find((r) => r.limit === limit) as CompiledLimit;
    for (const { pattern } of rule.when)
      for (let start = 0; start < words.length; start++) {
        const end = endFrom(pattern, words, 0, start);
        if (end > start) return { limit, start, end };
      }
    return { limit, start: 0, end: 0 };
  }

  /** The first rule the words fall under, if any. */
  match(words: readonly string[]): Limit | undefined {
    // Loops, not closures made per call: this runs for every question, over every rule.
    const present = new Set(words);
    const opened = new Set<PatternSet>();
    for (const word of present) {
      const sets = this.opens.get(word);
      if (sets !== undefined) for (const set of sets) opened.add(set);
    }
    const reading: Reading = { words, present, opened, tokens: new Map() };
    for (const r of this.rules) {
      if (
        r.whenSet.anyOccurs(reading) &&
        (r.and.size === 0 || r.and.anyOccurs(reading)) &&
        !r.unless.anyOccurs(reading)
      )
        return r.limit;
    }
    return undefined;
  }
}
