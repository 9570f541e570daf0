import type { Language } from '../../knowledge/types.js';
import { hasRun } from '../text/lexicon.js';

/**
 * Whether a question is about the bot itself ("are you an AI?", "who maintains this?", "can you
 * search the web?"), by the words of intents/language/self.yaml: it addresses the bot, and every
 * other word, stop words aside, is one such questions are made of. A word of its own ("can you
 * explain the filibuster") and it is about that word, not the bot.
 */
export class SelfReference {
  private readonly address: readonly (readonly string[])[];
  private readonly names: readonly (readonly string[])[];
  private readonly refers: ReadonlySet<string>;
  private readonly addressWords: ReadonlySet<string>;
  private readonly words: ReadonlySet<string>;
  private readonly prefixes: readonly string[];
  private readonly greetings: ReadonlySet<string>;

  constructor(
    language: Language,
    private readonly isStopword: (word: string) => boolean,
  ) {
    this.address = language.self.address.map((a) => a.split(' '));
    this.names = language.self.names.map((a) => a.split(' '));
    this.refers = new Set(language.self.refers);
    this.addressWords = new Set(this.address.flat());
    this.words = new Set(language.self.about.filter((w) => !w.endsWith('*')));
    this.prefixes = language.self.about.filter((w) => w.endsWith('*')).map((w) => w.slice(0, -1));
    this.greetings = new Set(language.self.greetings);
  }

  /**
   * The question's words (as typed, lower case) address the bot and hold nothing else of their own;
   * or, when other sentences frame the ones that ask (`asking`, their words), the bot is named in
   * the question and the sentences that ask refer to it by a pronoun and hold nothing else of their
   * own ("My supervisor said to use this bot but didn't explain it. What is it and what can it answer?").
   */
  asksAboutSelf(typed: readonly string[], asking?: readonly string[]): boolean {
    const words = this.withoutGreeting(typed.map((w) => w.toLowerCase()));
    if (this.address.some((run) => hasRun(words, run)) && words.every((w) => this.isSelfWord(w))) return true;
    if (asking === undefined || !this.names.some((run) => hasRun(words, run))) return false;
    const asked = asking.map((w) => w.toLowerCase());
    const refers = (w: string): boolean => this.refers.has(w);
    return (
      (asked.some(refers) || this.address.some((run) => hasRun(asked, run))) &&
      asked.every((w) => refers(w) || this.isSelfWord(w))
    );
  }

  /**
   * The words after a greeting that opens the question ("hi, what do you know"): the greeting only
   * when the rest holds a word such questions are made of ("hi policybot", "hi, are you there"
   * stay greetings, for the other readings).
   */
  private withoutGreeting(words: readonly string[]): readonly string[] {
    let start = 0;
    while (start < words.length && this.greetings.has(words[start] ?? '')) start++;
    if (start === 0) return words;
    const rest = words.slice(start);
    const asks = rest.some((w) => this.words.has(w) || this.prefixes.some((p) => w.startsWith(p)));
    return asks ? rest : words;
  }

  private isSelfWord(w: string): boolean {
    return (
      this.addressWords.has(w) ||
      this.isStopword(w) ||
      this.words.has(w) ||
      this.prefixes.some((p) => w.startsWith(p))
    );
  }
}
