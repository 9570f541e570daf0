import type { Language } from '../../knowledge/types.js';
import type { CitationForm } from '../answer.js';
import { RunFinder } from '../text/lexicon.js';
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
  private readonly names: RunFinder<{ readonly words: readonly string[]; readonly style?: CitationStyle }>;

  private readonly forms: RunFinder<{ readonly words: readonly string[]; readonly form: CitationForm }>;

  constructor(language: Language) {
    this.forms = new RunFinder(
      language.citationForms
        .map(([name, form]) => ({ words: name.split(' '), form }))
        .sort((a, b) => b.words.length - a.words.length),
    );
    this.names = new RunFinder(
      [
        ...language.styles.map(([name, style]) => ({ words: name.split(' '), style })),
        ...language.unsupportedStyles.map((name) => ({ words: name.split(' ') })),
      ].sort((a, b) => b.words.length - a.words.length),
    );
  }

  find(words: readonly string[]): StyleMention | undefined {
    const name = this.names.first(words);
    if (name === undefined) return undefined;
    return name.style === undefined
      ? { unsupported: name.words.join(' '), words: name.words }
      : { style: name.style, words: name.words };
  }

  /**
   * A form of reference named ("just the in-text cite", "footnote", "reference list"), from the
   * `forms` of styles.yaml: the longest name wins.
   */
  findForm(words: readonly string[]): CitationForm | undefined {
    return this.forms.first(words)?.form;
  }

  /** The style a name stands for (a typed option value), or undefined. */
  named(text: string): StyleMention | undefined {
    const words = text.trim().toLowerCase().split(/\s+/).filter(Boolean);
    const found = this.find(words);
    return found !== undefined && found.words.length === words.length ? found : undefined;
  }
}
