import type { NormalizedText } from '../text/normalize.js';

/** A sparse feature vector: feature indices and their values, unit length within each group. */
export interface SparseVector {
  readonly index: Int32Array;
  readonly value: Float32Array;
}

/**
 * How much each kind of feature weighs. Terms carry the topic; their pairs carry phrasing ("human
 * trafficking" is not "drug trafficking"); letter n-grams carry typos and word forms the stemmer
 * and the speller miss; all words, stop words included, carry what a question does rather than
 * what it is about ("what can you do", "tell me more", "why does that matter").
 */
export const FEATURE_WEIGHTS = {
  term: 1,
  termPair: 0.5,
  letters: 0.6,
  word: 0.7,
  wordPair: 0.6,
  length: 0.3,
  rare: 1,
} as const;

type Group = keyof typeof FEATURE_WEIGHTS;

/**
 * A term the training texts use at most this often is "rare": besides its own feature it fires the
 * rare-word features, which every unknown term fires too. The model so learns, from the words
 * curators wrote once, what a word nobody wrote says: out-of-scope questions are full of them.
 */
const RARE = 1;

/** The features of one normalized text, by group, as strings (before indexing). */
export function featureStrings(
  text: NormalizedText,
  isRare: (term: string) => boolean = () => false,
): Map<Group, string[]> {
  const groups = new Map<Group, string[]>();
  const add = (group: Group, feature: string): void => {
    const list = groups.get(group) ?? [];
    list.push(feature);
    groups.set(group, list);
  };
  const terms = [...new Set(text.terms)];
  for (const term of terms) {
    add('term', `t:${term}`);
    if (term.length >= 3) for (const gram of letterGrams(term)) add('letters', `c:${gram}`);
  }
  for (let i = 1; i < text.terms.length; i++) add('termPair', `tt:${text.terms[i - 1]}_${text.terms[i]}`);
  const folded = text.folded;
  for (const word of new Set(folded)) add('word', `w:${word}`);
  for (let i = 1; i < folded.length; i++) add('wordPair', `ww:${folded[i - 1]}_${folded[i]}`);
  add('length', `len:${lengthBucket(text.terms.length)}:${lengthBucket(folded.length)}`);
  const rare = terms.filter(isRare).length;
  if (rare > 0) {
    // How much of the question is rare or unknown, in steps: one word of three is not two of three.
    add('rare', 'r:any');
    add('rare', `r:share:${Math.min(4, Math.floor((4 * rare) / terms.length))}`);
  }
  return groups;
}

function lengthBucket(n: number): string {
  return n <= 2 ? String(n) : n <= 4 ? '3-4' : n <= 8 ? '5-8' : '9+';
}

/** Letter 3- and 4-grams with word boundaries marked: "fentanil" shares most of "fentanyl"'s. */
function letterGrams(term: string): string[] {
  const padded = `^${term}$`;
  const out: string[] = [];
  for (const n of [3, 4]) {
    for (let i = 0; i + n <= padded.length; i++) out.push(padded.slice(i, i + n));
  }
  return out;
}

/** Maps feature strings to indices: built once from the training texts, fixed afterwards. */
export class FeatureIndex {
  private readonly ids: Map<string, number>;

  /** Terms the training texts use more than RARE times: the others count as rare. */
  private readonly common: ReadonlySet<string>;

  constructor(
    readonly names: readonly string[],
    common: Iterable<string>,
  ) {
    this.ids = new Map(names.map((name, i) => [name, i] as const));
    this.common = new Set(common);
  }

  /** The index of every feature the texts have, and each text's vector under it. */
  static fit(texts: readonly NormalizedText[]): { index: FeatureIndex; vectors: SparseVector[] } {
    const counts = new Map<string, number>();
    for (const text of texts)
      for (const term of new Set(text.terms)) counts.set(term, (counts.get(term) ?? 0) + 1);
    const common = [...counts].filter(([, n]) => n > RARE).map(([term]) => term);
    const commonSet = new Set(common);
    const strings = texts.map((t) => featureStrings(t, (term) => !commonSet.has(term)));
    const names = new Set<string>();
    for (const groups of strings) for (const list of groups.values()) for (const f of list) names.add(f);
    const index = new FeatureIndex([...names], common);
    return { index, vectors: strings.map((groups) => index.fromStrings(groups)) };
  }

  /** The terms that are not rare, for the start-up cache. */
  get commonTerms(): string[] {
    return [...this.common];
  }

  get size(): number {
    return this.names.length;
  }

  /** The vector of a text; features never seen in training are left out (and counted). */
  vector(text: NormalizedText): SparseVector & { readonly unseen: number } {
    return this.fromStrings(featureStrings(text, (term) => !this.common.has(term)));
  }

  private fromStrings(
    groups: ReadonlyMap<Group, readonly string[]>,
  ): SparseVector & { readonly unseen: number } {
    const values = new Map<number, number>();
    let unseen = 0;
    for (const [group, list] of groups) {
      const known = list.map((f) => this.ids.get(f)).filter((id): id is number => id !== undefined);
      unseen += list.length - known.length;
      // Each group is unit length over the features it has, then weighed: a long question's many
      // letter n-grams must not drown its few terms.
      const counts = new Map<number, number>();
      for (const id of known) counts.set(id, (counts.get(id) ?? 0) + 1);
      let norm = 0;
      for (const c of counts.values()) norm += c * c;
      const scale = norm > 0 ? FEATURE_WEIGHTS[group] / Math.sqrt(norm) : 0;
      for (const [id, c] of counts) values.set(id, (values.get(id) ?? 0) + c * scale);
    }
    const index = Int32Array.from(values.keys());
    const value = Float32Array.from(values.values());
    return { index, value, unseen };
  }
}
