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
  private readonly addressWords: ReadonlySet<string>;
  private readonly words: ReadonlySet<string>;
  private readonly prefixes: readonly string[];

  constructor(
    language: Language,
    private readonly isStopword: (word: string) => boolean,
  ) {
    this.address = language.self.address.map((a) => a.split(' '));
    this.addressWords = new Set(this.address.flat());
    this.words = new Set(language.self.about.filter((w) => !w.endsWith('*')));
    this.prefixes = language.self.about.filter((w) => w.endsWith('*')).map((w) => w.slice(0, -1));
  }

  /** The question's words (as typed, lower case) address the bot and hold nothing else of their own. */
  asksAboutSelf(typed: readonly string[]): boolean {
    const words = typed.map((w) => w.toLowerCase());
    if (!this.address.some((run) => hasRun(words, run))) return false;
    return words.every(
      (w) =>
        this.addressWords.has(w) ||
        this.isStopword(w) ||
        this.words.has(w) ||
        this.prefixes.some((p) => w.startsWith(p)),
    );
  }
}
