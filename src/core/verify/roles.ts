import type { Attribution } from '../../knowledge/types.js';
import type { AuthorNames, Mention } from './authors.js';
import { boundaryBefore, endsWith, findPhrases, namesAt, range, startsAt } from './phrases.js';
import { type Word, wordsOf } from './words.js';

/** A name in a sentence, and the part it plays there. */
export interface Named extends Mention {
  /** After "quoted in", "as relayed on": the page that passes the words on, not their author. */
  readonly relay: boolean;
  /** After "quoting", "citing", "relays": the author whose words the sentence passes on. */
  readonly source: boolean;
  /** Right after a cue ("asks ODNI to", "told the Senate"): spoken to, not speaking. */
  readonly object: boolean;
  /** "it", "the group": stands for an author named before. */
  readonly pronoun: boolean;
}

type Phrases = readonly (readonly string[])[];

/**
 * The names of authors in a sentence and the part each plays there (speaking, spoken to, passed
 * on, relaying, standing for an author named before), from the names of the knowledge base and the
 * words of `intents/language/attribution.yaml`.
 */
export class NameRoles {
  private readonly cues: Phrases;
  private readonly relays: Phrases;
  private readonly relaying: Phrases;
  private readonly pronouns: Phrases;
  private readonly determiners: ReadonlySet<string>;
  private readonly bound: ReadonlySet<string>;

  constructor(
    private readonly names: AuthorNames,
    language: Attribution,
  ) {
    const split = (list: readonly string[]) =>
      list.map((p) => wordsOf(p).map((w) => w.lower)).sort((a, b) => b.length - a.length);
    this.cues = split(language.cues);
    this.relays = split(language.relays);
    this.relaying = split(language.relaying);
    this.pronouns = split(language.pronouns);
    this.determiners = new Set(language.determiners);
    this.bound = new Set(language.bound);
  }

  /** Names of authors and pronouns in some words, each with its part in the sentence. */
  named(words: readonly Word[], text: string): Named[] {
    const out: Named[] = this.names.mentions(words, text).map((m) => this.role(words, text, m, false));
    const taken = new Set(out.flatMap((m) => range(m.first, m.last)));
    for (const p of findPhrases(words, this.pronouns, namesAt)) {
      // "the group" may follow a determiner other than "the": "its authors".
      if (range(p.at, p.at + p.length - 1).some((i) => taken.has(i))) continue;
      const first = p.at;
      const last = p.at + p.length - 1;
      const phrase = text.slice((words[first] as Word).start, (words[last] as Word).end);
      out.push(
        this.role(words, text, { author: { sourceId: null, name: phrase }, phrase, first, last }, true),
      );
    }
    return out.sort((a, b) => a.first - b.first);
  }

  private role(words: readonly Word[], text: string, m: Mention, pronoun: boolean): Named {
    const head = this.skipDeterminers(words, m.first);
    const relay = this.relays.some((r) => endsWith(words.slice(0, head), r, ['the', 'by', 'in', 'on']));
    // After a relaying verb in its clause: "quoting the ATA", "relays this from the ATA".
    let from = head;
    while (from > 0 && head - from < 4 && !boundaryBefore(words, text, from, new Set())) from--;
    const source = range(from, head - 1).some((k) => this.relaying.some((r) => startsAt(words, k, r)));
    // Spoken to: right after a cue in the same clause ("asks ODNI to"; not "Notes: 1787 would").
    const object =
      !source &&
      !boundaryBefore(words, text, head, new Set()) &&
      this.cues.some((c) => endsWith(words.slice(0, head), c));
    return { ...m, relay, source, object, pronoun };
  }

  /** The first word of a name, before any determiners written in front of it. */
  private skipDeterminers(words: readonly Word[], first: number): number {
    let at = first;
    while (at > 0 && this.determiners.has((words[at - 1] as Word).lower)) at--;
    return at;
  }

  /**
   * A name standing on its own credits the words after it: a name we hold words from, in the
   * possessive ("1787's recommendation is to", "In its words"), or in subject position, not after
   * a preposition ("1787 would …", not "further than the ATA").
   */
  standsAlone(words: readonly Word[], n: Named): boolean {
    if (this.relayingAt(words, n.last + 1)) return false;
    // The subject of what a cue reports is what the words are about, not who says them: "1787's
    // page notes that the assessment was “released on February 5, 2024”" (1787's words).
    const before = words.slice(0, this.skipDeterminers(words, n.first));
    if (before.at(-1)?.lower === 'that' && this.cues.some((c) => endsWith(before.slice(0, -1), c)))
      return false;
    // "1787's", or a pronoun that is also a determiner: "its", "their".
    const last = (words[n.last] as Word).lower;
    const owned = words.slice(n.first, n.last + 1).some((w) => /'s$/.test(w.lower));
    const possessive = owned || (n.first === n.last && this.determiners.has(last));
    if (n.pronoun) return possessive;
    if (n.author.sourceId === null) return false;
    return possessive || !this.afterPreposition(words, n);
  }

  /** The name follows a preposition: "further than the ATA", "a point from 1787". */
  afterPreposition(words: readonly Word[], n: Mention): boolean {
    const before = words[this.skipDeterminers(words, n.first) - 1];
    return before !== undefined && this.bound.has(before.lower);
  }

  /** A relaying verb follows (maybe after "also"): "1787 cites", "its page also relays". */
  relayingAt(words: readonly Word[], at: number): boolean {
    const skip = words[at]?.lower === 'also' || words[at]?.lower === 'page' ? at + 1 : at;
    return this.relaying.some((r) => startsAt(words, skip, r));
  }
}
