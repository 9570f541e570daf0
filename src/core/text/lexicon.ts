/**
 * The one place that reads words: the lexicon (generic English stop words, the curators' own in intents/language/lexicon.yaml, acronym and source-mention rules), the one form
 * in which phrases and names are compared (`phraseKey`, `nameKey`), and the one way of finding a
 * run of words in a list of them (`runAt` and its kin). Everything that tokenizes, drops stop words,
 * compares keys or looks for a phrase in words comes through here, so they cannot drift apart.
 */
import type { Language, LexiconRules } from '../../knowledge/types.js';
import { type Shorthand, stem } from './tokens.js';

/** The form in which phrases are compared: case, apostrophes, dots and punctuation ignored. */
export function phraseKey(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[’'.]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * The form in which names are compared: a phrase key without a leading "the", so "State OIG",
 * "state-oig" and "the State OIG" are one name, and so are "U.S. Department of State" and "US
 * Department of State".
 */
export function nameKey(text: string): string {
  return phraseKey(text).replace(/^the /, '');
}

/**
 * Where `run` first occurs in `words` at or after `from`, word for word and in order, none of its
 * words at a position in `skip` (words already read as something else); -1 when nowhere.
 */
export function runAt<T>(
  words: readonly T[],
  run: readonly T[],
  from = 0,
  skip?: ReadonlySet<number>,
): number {
  if (run.length === 0) return -1;
  const first = run[0];
  for (let at = from; at + run.length <= words.length; at++) {
    if (words[at] !== first || skip?.has(at)) continue;
    let i = 1;
    while (i < run.length && words[at + i] === run[i] && !skip?.has(at + i)) i++;
    if (i === run.length) return at;
  }
  return -1;
}

/** Whether `run` starts at `at` in `words`, word for word. */
export function runStartsAt<T>(words: readonly T[], run: readonly T[], at: number): boolean {
  if (run.length === 0 || at + run.length > words.length) return false;
  for (let i = 0; i < run.length; i++) if (words[at + i] !== run[i]) return false;
  return true;
}

/** Whether `run` occurs in `words`, word for word and in order. */
export function hasRun<T>(words: readonly T[], run: readonly T[]): boolean {
  return runAt(words, run) >= 0;
}

/** Every place `run` starts in `words` (overlapping ones too). */
export function runsAt<T>(words: readonly T[], run: readonly T[]): number[] {
  const out: number[] = [];
  for (let at = runAt(words, run); at >= 0; at = runAt(words, run, at + 1)) out.push(at);
  return out;
}

/** The words without the first run of `remove` in them. */
export function withoutRun(words: readonly string[], remove: readonly string[]): string[] {
  const at = runAt(words, remove);
  return at < 0 ? [...words] : [...words.slice(0, at), ...words.slice(at + remove.length)];
}

/**
 * Runs of words to look for (names of styles, forms…), grouped by their first word: at each word of
 * a question only the runs that start with it are tried.
 */
export class RunFinder<R extends { readonly words: readonly string[] }> {
  private readonly byFirst = new Map<string, R[]>();

  constructor(runs: readonly R[]) {
    for (const run of runs) {
      const first = run.words[0];
      if (first === undefined) continue;
      const list = this.byFirst.get(first);
      if (list === undefined) this.byFirst.set(first, [run]);
      else list.push(run);
    }
  }

  /** The run that starts at the earliest word; of several there, the first in the order given. */
  first(words: readonly string[]): R | undefined {
    for (let i = 0; i < words.length; i++) {
      for (const run of this.byFirst.get(words[i] as string) ?? [])
        if (runStartsAt(words, run.words, i)) return run;
    }
    return undefined;
  }
}

/**
 * Generic English function words: pronouns, articles, auxiliaries, prepositions, contractions. Not
 * natural's list (util/stopwords.js): it also stops "never", "since", "many", "still", "way",
 * "make" and every single letter and digit, and with it the development sets lost questions
 * ("ok never mind. what does 1787 propose overall?"). The words of this bot's askers are the
 * curators', in intents/language/lexicon.yaml.
 */
const GENERIC_STOPWORDS = `a about above across after again against all also am an and any are aren't as at be
  because been before being below between both but by can can't cannot could couldn't did didn't do does
  doesn't doing don't down during each either else ever few for from further get gets getting give given go
  going got had hadn't has hasn't have haven't having he her here hers herself him himself his how i i'd i'll
  i'm i've if in into is isn't it it's its itself just let let's like may me might mine more most much must my
  myself no nor not now of off on once one ones only or other our ours ourselves out over own q quite rather
  same said see shall she should shouldn't so some such than that that's the their theirs them themselves
  then there there's these they they're this those through to too two under until up upon us very via was
  wasn't we we're were weren't what what's when where where's whether which while who who's whom whose why
  will with within without won't would wouldn't you you're your yours yourself`.split(/\s+/);

const GENERIC = new Set(GENERIC_STOPWORDS);
/** A generic English stop word ("who", "the"), not one of the curators' ("director", "memo"). */
export function isGenericStopword(word: string): boolean {
  return GENERIC.has(word);
}

/** A possessive or a contraction's ending, as `words` drops it. */
const CONTRACTION = /'(?:s|re|ve|ll|d|m|t)$/u;

/** At most this many words between a source mention's cue and the name. */
const MENTION_REACH = 4;

const NO_SHORTHAND: Shorthand = new Map();

/** The lexicon of one knowledge base's language rules; `Lexicon.of` makes it once per rules. */
export class Lexicon {
  private static readonly made = new WeakMap<LexiconRules, Lexicon>();

  static of(language: Language): Lexicon {
    let lexicon = Lexicon.made.get(language.lexicon);
    if (lexicon === undefined) {
      lexicon = new Lexicon(language.lexicon);
      Lexicon.made.set(language.lexicon, lexicon);
    }
    return lexicon;
  }

  /** Words that never decide a topic: generic English and the curators' own. */
  readonly stopwords: ReadonlySet<string>;
  private readonly acronyms: readonly { readonly pattern: RegExp; readonly word: string }[];
  private readonly mentions: {
    readonly names: ReadonlySet<string>;
    readonly cues: ReadonlySet<string>;
    readonly between: ReadonlySet<string>;
  };
  private stopStemSet: ReadonlySet<string> | undefined;

  private constructor(rules: LexiconRules) {
    this.stopwords = new Set([...GENERIC_STOPWORDS, ...rules.stopwords]);
    // Longest letters first, so "USA" is not read as "US" and a stray "A".
    this.acronyms = [...rules.acronyms]
      .sort((a, b) => b[0].length - a[0].length)
      .map(([letters, word]) => {
        const capitals = [...letters.toUpperCase()].join('\\.?');
        const dotted = [...letters].join('\\.');
        return { pattern: new RegExp(`\\b${capitals}\\b\\.?|\\b${dotted}\\.`, 'gu'), word };
      });
    this.mentions = {
      names: new Set(rules.sourceMentions.names),
      cues: new Set(rules.sourceMentions.cues),
      between: new Set(rules.sourceMentions.between),
    };
  }

  isStopword(word: string): boolean {
    return this.stopwords.has(word);
  }

  /**
   * Stop words by stem too, so "wants" and "saying" go the way of "want" and "say". Worked out on
   * first use, once a warm start has given the stemmer the stems it knew.
   */
  get stopStems(): ReadonlySet<string> {
    this.stopStemSet ??= new Set(
      [...this.stopwords]
        .filter((w) => /^\p{L}+$/u.test(w))
        .map(stem)
        // Two-letter stems collide with real words: "use" stems to "us".
        .filter((s) => s.length > 2),
    );
    return this.stopStemSet;
  }

  /**
   * Lower-case words, apostrophes folded, acronyms read, shorthand spelled out. natural's
   * tokenizers split on ASCII classes and would cut "Ciudad Juárez" in two; a Unicode letter class
   * keeps any script whole.
   */
  words(text: string, shorthand: Shorthand = NO_SHORTHAND): string[] {
    let prepared = text;
    for (const { pattern, word } of this.acronyms) prepared = prepared.replace(pattern, ` ${word} `);
    // Dotted acronyms are one word: "I.N.L." is "inl", "O.D.N.I" is "odni" (looked for only
    // where there is a dot).
    if (prepared.includes('.'))
      prepared = prepared.replace(/\b(?:\p{L}\.){2,}\p{L}?\b\.?/gu, (dotted) => dotted.replace(/\./g, ''));
    prepared = prepared
      .replace(/[’‘`´]/g, "'")
      .toLowerCase()
      // Chat stretches words ("heyyy", "pleeease"): English never triples a letter.
      .replace(/(\p{L})\1{2,}/gu, '$1');
    const found = prepared.match(/[\p{L}\p{N}]+(?:'[\p{L}]+)*/gu) ?? [];
    // "what's" and "1787's" mean "what" and "1787" here: the possessive and contractions are noise.
    // One loop, and the suffix pattern run only on words with an apostrophe: every question and
    // every reading of one comes through here.
    const out: string[] = [];
    for (const word of found) {
      const w = word.includes("'") ? word.replace(CONTRACTION, '') : word;
      const spelled = shorthand.get(w);
      if (spelled === undefined) {
        if (w.length > 0) out.push(w);
      } else for (const s of spelled) if (s.length > 0) out.push(s);
    }
    return out;
  }

  /**
   * The words without the report or its publisher where they only say where the answer should
   * come from ("per the 2024 ATA"); named as the subject, they stay.
   */
  withoutSourceMentions(words: readonly string[]): string[] {
    const { names, cues, between } = this.mentions;
    return words.filter((word, i) => {
      if (!names.has(word)) return true;
      for (let j = i - 1; j >= 0 && j >= i - MENTION_REACH; j--) {
        const before = words[j] as string;
        if (cues.has(before)) return false;
        if (!between.has(before)) return true;
      }
      return true;
    });
  }
}
