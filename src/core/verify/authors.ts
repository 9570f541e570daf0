import type { KnowledgeBase } from '../../knowledge/types.js';
import type { Author } from './types.js';
import { type Word, wordsOf } from './words.js';

/** A name of an author as a run of words, and whom it names. */
interface Name {
  readonly words: readonly string[];
  /** Written in capitals (ATA, DNI): matched as written, so "ic" in a sentence is not the IC. */
  readonly exact: boolean;
  readonly author: Author;
}

/** An author named in a text. */
export interface Mention {
  readonly author: Author;
  /** The name as written. */
  readonly phrase: string;
  /** Word indexes [first, last] in the words searched. */
  readonly first: number;
  readonly last: number;
}

/**
 * Every name a writer may credit words to: the authors of `intents/language/attribution.yaml`
 * first, then each other source of the knowledge base by its own names (short name, aliases,
 * title, number, publisher), then the authors the knowledge base holds nothing from.
 */
export class AuthorNames {
  private readonly names: Name[] = [];

  constructor(kb: KnowledgeBase) {
    const { authors, others } = kb.language.attribution;
    const nameOf = (id: string): string => {
      const source = kb.sources.get(id);
      return source?.shortName ?? source?.publisher ?? id;
    };
    for (const [id, names] of Object.entries(authors)) {
      for (const name of names) this.add(name, { sourceId: id, name: nameOf(id) });
    }
    for (const source of kb.sources.values()) {
      if (authors[source.id] !== undefined) continue;
      const names = [
        source.shortName,
        ...(source.aliases ?? []),
        source.title,
        source.number,
        source.publisher,
      ];
      for (const name of names)
        if (name !== undefined) this.add(name, { sourceId: source.id, name: nameOf(source.id) });
    }
    for (const name of others) this.add(name, { sourceId: null, name });
    // Longest names first: "the intelligence community" before "intelligence community".
    this.names.sort((a, b) => b.words.length - a.words.length);
  }

  private add(name: string, author: Author): void {
    const words = wordsOf(name).map((w) => w.key);
    if (words.length === 0) return;
    const exact = /\p{Lu}/u.test(name) && !/\p{Ll}/u.test(name);
    const folded = exact ? words : words.map((w) => w.toLowerCase());
    if (this.names.some((n) => n.words.join(' ') === folded.join(' ') && n.exact === exact)) return;
    this.names.push({ words: folded, exact, author });
  }

  /** The authors named in some words, left to right, the longest name where names overlap. */
  mentions(words: readonly Word[], text: string): Mention[] {
    const out: Mention[] = [];
    const used = new Set<number>();
    for (const name of this.names) {
      for (let i = 0; i + name.words.length <= words.length; i++) {
        if (name.words.some((_, j) => used.has(i + j))) continue;
        const hit = name.words.every((w, j) => {
          const word = words[i + j] as Word;
          const form = name.exact ? word.key : word.lower;
          // A possessive names its owner: "the ATA's warning", "1787’s page".
          return form === w || (j === name.words.length - 1 && form.replace(/'s$/, '') === w);
        });
        if (!hit) continue;
        const last = i + name.words.length - 1;
        for (let k = i; k <= last; k++) used.add(k);
        out.push({
          author: name.author,
          phrase: text.slice((words[i] as Word).start, (words[last] as Word).end),
          first: i,
          last,
        });
      }
    }
    return out.sort((a, b) => a.first - b.first);
  }
}
