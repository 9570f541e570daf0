import type { KnowledgeBase } from '../../knowledge/types.js';
import type { Author } from './types.js';
import { type Word, wordsOf } from './words.js';

/** A name of an author as a run of words, and whom it names. */
interface Name {
  readonly words: readonly string[];
  /** Written in capitals (ATA, DNI): matched as written, so "ic" in a sentence is not the IC. */
  readonly exact: boolean;
  /**
   * Written with "the" ("the assessment"): the name stands after any determiner or possessive
   * ("your assessment", "America's intelligence agencies"), never bare ("a new assessment").
   */
  readonly determined: boolean;
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
  private readonly determiners: ReadonlySet<string>;
  /** Every source's title, its words in lower case: a quoted title is a name, not a quotation. */
  private readonly titles: ReadonlySet<string>;

  constructor(kb: KnowledgeBase) {
    const { authors, others, determiners } = kb.language.attribution;
    this.determiners = new Set(determiners);
    const key = (text: string): string =>
      wordsOf(text)
        .map((w) => w.lower)
        .join(' ');
    this.titles = new Set(
      [...kb.sources.values()]
        .flatMap((s) => [s.title, s.titleSentenceCase])
        .flatMap((t) => (t ? [key(t)] : [])),
    );
    this.titleKey = key;
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
    let words = wordsOf(name).map((w) => w.key);
    const determined = words.length > 1 && words[0] === 'the';
    if (determined) words = words.slice(1);
    if (words.length === 0) return;
    const exact = /\p{Lu}/u.test(name) && !/\p{Ll}/u.test(name);
    const folded = exact ? words : words.map((w) => w.toLowerCase());
    const same = this.names.find((n) => n.words.join(' ') === folded.join(' ') && n.exact === exact);
    // "ATA" and "the ATA": the bare name, which matches either way, is the one kept.
    if (same !== undefined) {
      if (same.determined && !determined)
        this.names.splice(this.names.indexOf(same), 1, { ...same, determined });
      return;
    }
    this.names.push({ words: folded, exact, determined, author });
  }

  /** An author by its source id, named as a reader knows it. */
  author(id: string): Author {
    return this.names.find((n) => n.author.sourceId === id)?.author ?? { sourceId: id, name: id };
  }

  private readonly titleKey: (text: string) => string;

  /**
   * The words are a name, and nothing else: a title quoted ("the “Annual Threat Assessment”",
   * "in the “Annual Threat Assessment of the U.S. Intelligence Community,”"), matched whole
   * (a source's title is matched only as a quoted whole: "transnational crime" in a sentence is no
   * name of 1787's page).
   */
  isName(text: string): boolean {
    if (this.titles.has(this.titleKey(text))) return true;
    const words = wordsOf(text);
    const mentions = this.mentions(words, text);
    return mentions.length === 1 && mentions[0]?.first === 0 && mentions[0]?.last === words.length - 1;
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
        const before = words[i - 1];
        const determiner =
          before !== undefined && (this.determiners.has(before.lower) || /'s$/.test(before.lower));
        if (name.determined && !determiner) continue;
        const first = determiner && this.determiners.has((before as Word).lower) ? i - 1 : i;
        const last = i + name.words.length - 1;
        for (let k = first; k <= last; k++) used.add(k);
        out.push({
          author: name.author,
          phrase: text.slice((words[first] as Word).start, (words[last] as Word).end),
          first,
          last,
        });
      }
    }
    return possessorsFirst(
      out.sort((a, b) => a.first - b.first),
      words,
      text,
    );
  }
}

/**
 * What an author's name owns is that author's: "1787's own assessment" is 1787's, "the DNI's 2024
 * report" the DNI's. A name in the possessive takes in a name a few words after it.
 */
function possessorsFirst(mentions: Mention[], words: readonly Word[], text: string): Mention[] {
  const out: Mention[] = [];
  for (const m of mentions) {
    const owner = out.at(-1);
    if (
      owner !== undefined &&
      /'s$/.test((words[owner.last] as Word).lower) &&
      m.first > owner.last &&
      m.first - owner.last <= 3
    ) {
      const phrase = text.slice((words[owner.first] as Word).start, (words[m.last] as Word).end);
      out[out.length - 1] = { ...owner, last: m.last, phrase };
      continue;
    }
    out.push(m);
  }
  return out;
}
