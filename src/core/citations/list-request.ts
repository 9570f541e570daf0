import type { Language } from '../../knowledge/types.js';
import { hasRun, runAt } from '../text/lexicon.js';

/** Words that ask for the conversation's bibliography, found in a question. */
export interface ListRequest {
  /** The words that asked ("bibliography"; "references" and "so far"), for the trace. */
  readonly cue: string;
  /** The question's words without them: what else it asks about, if anything. */
  readonly rest: readonly string[];
}

type Phrase = readonly string[];

const phrase = (text: string): Phrase => text.split(' ');

/** The longest phrase found first, with where it is (`present`: the words, as a set). */
function longest(
  words: readonly string[],
  phrases: readonly Phrase[],
  masked: ReadonlySet<number>,
  present: ReadonlySet<string>,
): { readonly phrase: Phrase; readonly at: number } | undefined {
  for (const p of phrases) {
    // Most phrases' first word is not in the question: not worth a walk over its words.
    if (!present.has(p[0] as string)) continue;
    const at = runAt(words, p, 0, masked);
    if (at >= 0) return { phrase: p, at };
  }
  return undefined;
}

/**
 * Finds a request for the conversation's bibliography in a question's words as typed, from
 * `intents/language/bibliography.yaml`: a phrase that asks by itself ("bibliography", "works
 * cited"), unless it is part of a longer name of one reference's form ("bibliography entry", from
 * styles.yaml's `forms`) or of an idiom ("up to date"); or a list word with a scope anywhere in the question ("references … so
 * far", "export my citations"). Whether the rest names a topic is the reading's to judge.
 */
export class ListRequests {
  private readonly alone: readonly Phrase[];
  private readonly lists: readonly Phrase[];
  private readonly scopes: readonly Phrase[];
  /**
   * Names of one reference's form that hold a shorter phrase of `alone` ("bibliography entry"):
   * that phrase inside the longer one is the form, not a request for the bibliography.
   */
  private readonly forms: readonly Phrase[];
  /** Phrases that hold a cue and mean something else ("are your sources up to date?"). */
  private readonly idioms: readonly Phrase[];

  constructor(language: Language) {
    const byLength = (list: readonly string[]): Phrase[] =>
      list.map(phrase).sort((a, b) => b.length - a.length);
    this.alone = byLength(language.bibliography.alone);
    this.lists = byLength(language.bibliography.lists);
    this.scopes = byLength(language.bibliography.scopes);
    this.forms = byLength(language.citationForms.map(([name]) => name)).filter((form) =>
      this.alone.some((p) => p.length < form.length && hasRun(form, p)),
    );
    this.idioms = byLength(language.bibliography.idioms);
  }

  find(words: readonly string[]): ListRequest | undefined {
    // A form's name longer than every `alone` phrase it contains ("bibliography entry") masks it.
    // So does an idiom that holds a cue ("up to date" holds the scope "to date"), wherever it is.
    const masked = new Set<number>();
    // Every question comes here: a phrase is looked for only when its first word is in it.
    const present = new Set(words);
    for (const held of [...this.forms, ...this.idioms]) {
      if (!present.has(held[0] as string)) continue;
      for (let at = runAt(words, held, 0, masked); at >= 0; at = runAt(words, held, 0, masked))
        for (let i = at; i < at + held.length; i++) masked.add(i);
    }
    const alone = longest(words, this.alone, masked, present);
    if (alone !== undefined) return this.found(words, [alone]);
    const list = longest(words, this.lists, masked, present);
    if (list === undefined) return undefined;
    const span = new Set([...masked, ...range(list.at, list.phrase.length)]);
    const scope = longest(words, this.scopes, span, present);
    return scope === undefined ? undefined : this.found(words, [list, scope]);
  }

  /**
   * The request, and the rest of the words without every cue in them ("export my citations": both
   * scopes go, so "export" is not read as a word of its own, spelled "extort").
   */
  private found(
    words: readonly string[],
    parts: readonly { readonly phrase: Phrase; readonly at: number }[],
  ): ListRequest {
    const used = new Set(parts.flatMap((p) => range(p.at, p.phrase.length)));
    for (const p of [...this.alone, ...this.lists, ...this.scopes]) {
      for (let at = runAt(words, p, 0, used); at >= 0; at = runAt(words, p, 0, used))
        for (const i of range(at, p.length)) used.add(i);
    }
    return {
      cue: parts.map((p) => p.phrase.join(' ')).join(' + '),
      rest: words.filter((_, i) => !used.has(i)),
    };
  }
}

function range(start: number, length: number): number[] {
  return Array.from({ length }, (_, i) => start + i);
}
