import type { NormalizedText } from '../text/normalize.js';
import { StringTable } from './strings.js';

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
const GROUPS = Object.keys(FEATURE_WEIGHTS) as Group[];
const GROUP_WEIGHT = GROUPS.map((g) => FEATURE_WEIGHTS[g]);
const G = Object.fromEntries(GROUPS.map((g, i) => [g, i])) as Record<Group, number>;

/**
 * A term the training texts use at most this often is "rare": besides its own feature it fires the
 * rare-word features, which every unknown term fires too. The model so learns, from the words
 * curators wrote once, what a word nobody wrote says: out-of-scope questions are full of them.
 */
const RARE = 1;

/** A text's features as strings, each with its group (parallel arrays, before indexing). */
interface FeatureList {
  readonly names: string[];
  readonly groups: number[];
}

/** The features of one normalized text, as strings with their groups. */
export function featureStrings(
  text: NormalizedText,
  isRare: (term: string) => boolean = () => false,
): FeatureList {
  const names: string[] = [];
  const groups: number[] = [];
  const add = (group: number, feature: string): void => {
    names.push(feature);
    groups.push(group);
  };
  const terms = [...new Set(text.terms)];
  for (const term of terms) {
    add(G.term, `t:${term}`);
    if (term.length >= 3) for (const gram of letterGrams(term)) add(G.letters, gram);
  }
  for (let i = 1; i < text.terms.length; i++) add(G.termPair, `tt:${text.terms[i - 1]}_${text.terms[i]}`);
  const folded = text.folded;
  for (const word of new Set(folded)) add(G.word, `w:${word}`);
  for (let i = 1; i < folded.length; i++) add(G.wordPair, `ww:${folded[i - 1]}_${folded[i]}`);
  add(G.length, `len:${lengthBucket(text.terms.length)}:${lengthBucket(folded.length)}`);
  const rare = terms.filter(isRare).length;
  if (rare > 0) {
    // How much of the question is rare or unknown, in steps: one word of three is not two of three.
    add(G.rare, 'r:any');
    add(G.rare, `r:share:${Math.min(4, Math.floor((4 * rare) / terms.length))}`);
  }
  return { names, groups };
}

function lengthBucket(n: number): string {
  return n <= 2 ? String(n) : n <= 4 ? '3-4' : n <= 8 ? '5-8' : '9+';
}

const gramCache = new Map<string, readonly string[]>();
/** How many terms' and words' feature ids a FeatureIndex keeps: far more than the vocabulary. */
const KEPT = 100_000;

/** Letter 3- and 4-grams with word boundaries marked: "fentanil" shares most of "fentanyl"'s. */
function letterGrams(term: string): readonly string[] {
  const cached = gramCache.get(term);
  if (cached) return cached;
  const padded = `^${term}$`;
  const out: string[] = [];
  for (const n of [3, 4]) {
    for (let i = 0; i + n <= padded.length; i++) out.push(`c:${padded.slice(i, i + n)}`);
  }
  if (gramCache.size < 100_000) gramCache.set(term, out);
  return out;
}

/** Maps feature strings to indices: built once from the training texts, fixed afterwards. */
export class FeatureIndex {
  /** Terms the training texts use more than RARE times: the others count as rare. */
  private readonly common: ReadonlySet<string>;
  /** Scratch space for one vector: per feature, the vector it was last seen in and where. */
  private seenIn: Int32Array | undefined;
  private seenAt: Int32Array | undefined;
  private vectors = 0;
  /** Scratch space for one vector's distinct features: their ids, groups and counts. */
  private scratch = new Int32Array(0);
  private scratchGroup = new Int32Array(0);
  private scratchCount = new Int32Array(0);
  private scratchValue = new Float32Array(0);
  /** Per term and per word seen in questions, their feature ids (at most KEPT of each). */
  private readonly termIds = new Map<string, Int32Array>();
  private readonly wordIds = new Map<string, number>();

  /** @param names every feature's name, by id (a table with lookup) */
  constructor(
    readonly names: StringTable,
    common: Iterable<string>,
  ) {
    this.common = new Set(common);
  }

  /** The index of every feature the texts have, and each text's vector under it. */
  static fit(texts: readonly NormalizedText[]): { index: FeatureIndex; vectors: SparseVector[] } {
    const counts = new Map<string, number>();
    for (const text of texts)
      for (const term of new Set(text.terms)) counts.set(term, (counts.get(term) ?? 0) + 1);
    const common = [...counts].filter(([, n]) => n > RARE).map(([term]) => term);
    const commonSet = new Set(common);
    const isRare = (term: string): boolean => !commonSet.has(term);
    // Ids in order of first appearance: one pass, no sorting. Each text's feature names become ids
    // as soon as they are made: hundreds of thousands of strings then die young, where keeping
    // them all until the index was built had the collector copy and promote every one.
    const ids = new Map<string, number>();
    const listIds: Int32Array[] = [];
    const listGroups: Uint8Array[] = [];
    for (const text of texts) {
      const { names, groups } = featureStrings(text, isRare);
      const textIds = new Int32Array(names.length);
      for (let j = 0; j < names.length; j++) {
        const name = names[j] as string;
        let id = ids.get(name);
        if (id === undefined) {
          id = ids.size;
          ids.set(name, id);
        }
        textIds[j] = id;
      }
      listIds.push(textIds);
      listGroups.push(Uint8Array.from(groups));
    }
    const index = new FeatureIndex(StringTable.of([...ids.keys()], { lookup: true }), common);
    // Each vector copied into an object of its own (see keptApart in classifier.ts): training keeps
    // them all, and the object fromIds makes for every question must not be pretenured for it.
    const vectors = listIds.map((textIds, i): SparseVector => {
      const { index: ids, value } = index.fromIds(textIds, listGroups[i] as Uint8Array);
      return { index: ids, value };
    });
    return { index, vectors };
  }

  /** The terms that are not rare, for the start-up cache. */
  get commonTerms(): string[] {
    return [...this.common];
  }

  get size(): number {
    return this.names.size;
  }

  /**
   * The vector of a text; features never seen in training are left out (and counted). The same
   * features, in the same order, as `featureStrings` (training's), but a term's own feature and
   * its letter n-grams, and a word's feature, are looked up once per term or word and kept: a
   * question's features are then mostly ids already known, not strings made and hashed again.
   * Its arrays are this index's scratch space, written over by the next vector: it is for
   * scoring at once, never for keeping (two new typed arrays a question, their storage outside
   * the heap past V8's 64-byte limit, cost more than filling them).
   */
  vector(text: NormalizedText): SparseVector & { readonly unseen: number } {
    const ids: number[] = [];
    const groups: number[] = [];
    const terms = [...new Set(text.terms)];
    for (const term of terms) {
      const features = this.termFeatures(term);
      ids.push(features[0] as number);
      groups.push(G.term);
      for (let k = 1; k < features.length; k++) {
        ids.push(features[k] as number);
        groups.push(G.letters);
      }
    }
    const { names } = this;
    for (let i = 1; i < text.terms.length; i++) {
      ids.push(names.indexOfJoined('tt:', text.terms[i - 1] as string, '_', text.terms[i] as string));
      groups.push(G.termPair);
    }
    const folded = text.folded;
    for (const word of new Set(folded)) {
      let id = this.wordIds.get(word);
      if (id === undefined) {
        id = names.indexOf(`w:${word}`);
        if (this.wordIds.size < KEPT) this.wordIds.set(word, id);
      }
      ids.push(id);
      groups.push(G.word);
    }
    for (let i = 1; i < folded.length; i++) {
      ids.push(names.indexOfJoined('ww:', folded[i - 1] as string, '_', folded[i] as string));
      groups.push(G.wordPair);
    }
    ids.push(names.indexOf(`len:${lengthBucket(text.terms.length)}:${lengthBucket(folded.length)}`));
    groups.push(G.length);
    let rare = 0;
    for (const term of terms) if (!this.common.has(term)) rare++;
    if (rare > 0) {
      ids.push(
        names.indexOf('r:any'),
        names.indexOf(`r:share:${Math.min(4, Math.floor((4 * rare) / terms.length))}`),
      );
      groups.push(G.rare, G.rare);
    }
    return this.fromIds(ids, groups, true);
  }

  /** A term's own feature id, then its letter n-grams' (as featureStrings lists them). */
  private termFeatures(term: string): Int32Array {
    let features = this.termIds.get(term);
    if (features === undefined) {
      const names = [`t:${term}`, ...(term.length >= 3 ? letterGrams(term) : [])];
      features = Int32Array.from(names, (name) => this.names.indexOf(name));
      if (this.termIds.size < KEPT) this.termIds.set(term, features);
    }
    return features;
  }

  /**
   * A vector from its features' ids (-1: never seen in training), each with its group: in new
   * arrays, or with `scratch` in views of this index's scratch space (see `vector`).
   */
  private fromIds(
    ids: ArrayLike<number>,
    groups: ArrayLike<number>,
    scratch = false,
  ): SparseVector & { readonly unseen: number } {
    // Each group is unit length over the features it has, then weighed: a long question's many
    // letter n-grams must not drown its few terms.
    this.seenIn ??= new Int32Array(this.size);
    this.seenAt ??= new Int32Array(this.size);
    const { seenIn, seenAt } = this;
    this.vectors = (this.vectors + 1) | 0;
    if (this.vectors <= 0) {
      // Two billion vectors on: start the stamps again.
      seenIn.fill(0);
      this.vectors = 1;
    }
    const stamp = this.vectors;
    // Scratch arrays, kept between vectors and grown as needed: only the vector itself is new.
    if (this.scratch.length < ids.length) {
      const size = Math.max(ids.length, 2 * this.scratch.length);
      this.scratch = new Int32Array(size);
      this.scratchGroup = new Int32Array(size);
      this.scratchCount = new Int32Array(size);
    }
    const index = this.scratch;
    const group = this.scratchGroup;
    const count = this.scratchCount;
    let n = 0;
    let unseen = 0;
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i] as number;
      if (id < 0) {
        unseen++;
        continue;
      }
      if (seenIn[id] !== stamp) {
        seenIn[id] = stamp;
        seenAt[id] = n;
        index[n] = id;
        group[n] = groups[i] as number;
        count[n] = 1;
        n++;
      } else {
        const j = seenAt[id] as number;
        count[j] = (count[j] as number) + 1;
      }
    }
    const norms = new Float64Array(GROUPS.length);
    for (let j = 0; j < n; j++) {
      const g = group[j] as number;
      norms[g] = (norms[g] as number) + (count[j] as number) ** 2;
    }
    if (scratch && this.scratchValue.length < index.length)
      this.scratchValue = new Float32Array(index.length);
    const value = scratch ? this.scratchValue.subarray(0, n) : new Float32Array(n);
    for (let j = 0; j < n; j++) {
      const g = group[j] as number;
      value[j] = ((count[j] as number) * (GROUP_WEIGHT[g] as number)) / Math.sqrt(norms[g] as number);
    }
    return { index: scratch ? index.subarray(0, n) : index.slice(0, n), value, unseen };
  }
}
