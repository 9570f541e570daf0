import type { Language } from '../../knowledge/types.js';
import type { CitationStyle } from './styles.js';

/** A style named in a question: one policybot writes, or one it does not (to say so). */
export interface StyleMention {
  readonly style?: CitationStyle;
  readonly unsupported?: string;
  /** The words that named it, so the rest of the question can be read without them. */
  readonly words: readonly string[];
}

/**
 * Finds a citation style named in a question's words ("cite that in APA", "fentanyl mla"), from
 * `intents/language/styles.yaml`: the longest name wins, the first mention counts.
 */
export class StyleNames {
  private readonly names: readonly { readonly words: readonly string[]; readonly style?: CitationStyle }[];

  constructor(language: Language) {
    this.names = [
      ...language.styles.map(([name, style]) => ({ words: name.split(' '), style })),
      ...language.unsupportedStyles.map((name) => ({ words: name.split(' ') })),
    ].sort((a, b) => b.words.length - a.words.length);
  }

  find(words: readonly string[]): StyleMention | undefined {
    for (let i = 0; i < words.length; i++) {
      for (const name of this.names) {
        if (name.words.every((w, j) => words[i + j] === w)) {
          return name.style === undefined
            ? { unsupported: name.words.join(' '), words: name.words }
            : { style: name.style, words: name.words };
        }
      }
    }
    return undefined;
  }

  /** The style a name stands for (a typed option value), or undefined. */
  named(text: string): StyleMention | undefined {
    const words = text.trim().toLowerCase().split(/\s+/).filter(Boolean);
    const found = this.find(words);
    return found !== undefined && found.words.length === words.length ? found : undefined;
  }
}
