/**
 * Phrases staff use for the same thing, folded into one canonical term before stemming, so that
 * "cartels", "criminal organizations" and "TCOs" all meet the training phrases' "tco". The table
 * is data (`intents/language/synonyms.yaml`); longest phrase wins.
 */
export interface SynonymTable {
  /** phrase (space-joined lower-case words) -> canonical term */
  readonly phrases: ReadonlyMap<string, string>;
  readonly canonical: ReadonlySet<string>;
  /** first word -> the lengths (in words) of the phrases that start with it, longest first */
  readonly lengths: ReadonlyMap<string, readonly number[]>;
}

export function synonymTable(entries: readonly (readonly [string, string])[]): SynonymTable {
  const phrases = new Map<string, string>();
  const lengths = new Map<string, number[]>();
  for (const [phrase, canonical] of entries) {
    phrases.set(phrase, canonical);
    const parts = phrase.split(' ');
    const list = lengths.get(parts[0] as string) ?? [];
    if (!list.includes(parts.length)) list.push(parts.length);
    lengths.set(parts[0] as string, list);
  }
  for (const list of lengths.values()) list.sort((a, b) => b - a);
  return { phrases, canonical: new Set(phrases.values()), lengths };
}

/** Replaces synonym phrases in a word list with their canonical term, longest match first. */
export function foldSynonyms(
  words: readonly string[],
  table: SynonymTable,
): { words: string[]; folded: string[] } {
  const out: string[] = [];
  const folded: string[] = [];
  for (let i = 0; i < words.length; ) {
    let matched = false;
    for (const n of table.lengths.get(words[i] as string) ?? []) {
      if (n > words.length - i) continue;
      const phrase = n === 1 ? (words[i] as string) : words.slice(i, i + n).join(' ');
      const canonical = table.phrases.get(phrase);
      if (canonical !== undefined) {
        out.push(canonical);
        if (phrase !== canonical) folded.push(`${phrase} → ${canonical}`);
        i += n;
        matched = true;
        break;
      }
    }
    if (!matched) {
      out.push(words[i] as string);
      i += 1;
    }
  }
  return { words: out, folded };
}

/** The words of every synonym phrase, so the spelling corrector can aim at them too. */
export function synonymVocabulary(table: SynonymTable): string[] {
  // Short forms ("ileas", "tcos") are not typo targets: one edit from them is usually another word.
  return [...table.phrases.keys()].flatMap((p) => p.split(' ')).filter((w) => w.length >= 6);
}
