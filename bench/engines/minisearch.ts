import MiniSearch from 'minisearch';
import PorterStemmer from 'natural/lib/natural/stemmers/porter_stemmer.js';
import type { IntentId } from '../../src/knowledge/ids.js';
import type { EngineSpec, TunableEngine } from '../engine.js';
import { toIntent } from '../engine.js';

interface Phrase {
  readonly id: number;
  readonly text: string;
  readonly intent: IntentId;
}

/** The options of MiniSearch's README example, so the baseline forgives a typo or a cut word. */
export const SEARCH_OPTIONS = { prefix: true, fuzzy: 0.2 } as const;

/**
 * The baseline anyone could write in ten lines: BM25 over the training phrases (MiniSearch's
 * default scoring), answer with the intent of the best-scoring phrase. Terms are lower-cased and
 * Porter-stemmed like everyone else's. BM25 scores are unbounded, so its threshold is tuned too.
 */
export function createMiniSearch(): TunableEngine {
  let index: MiniSearch<Phrase> | undefined;
  const engine: TunableEngine = {
    name: 'minisearch',
    threshold: Number.NEGATIVE_INFINITY,
    train(examples) {
      index = new MiniSearch<Phrase>({
        fields: ['text'],
        storeFields: ['intent'],
        processTerm: (term) => PorterStemmer.stem(term.toLowerCase()),
        searchOptions: SEARCH_OPTIONS,
      });
      index.addAll(examples.map((e, id) => ({ id, text: e.text, intent: e.intent })));
    },
    classify(text) {
      if (!index) throw new Error('minisearch: classify before train');
      const top = index.search(text)[0];
      const confidence = top?.score ?? 0;
      return {
        intent: toIntent(top?.intent as string | undefined, confidence, engine.threshold),
        confidence,
      };
    },
  };
  return engine;
}

export const spec: EngineSpec = {
  id: 'minisearch',
  label: 'MiniSearch BM25',
  setup:
    'Nearest phrase by BM25 (MiniSearch defaults, `prefix: true, fuzzy: 0.2` as in its README, terms lower-cased ' +
    'and Porter-stemmed), negatives indexed as `fallback` phrases; no hit, or a top score under a threshold tuned ' +
    'by 5-fold cross-validation on the training phrases, is fallback.',
  tuned: true,
  conversational: false,
  create: createMiniSearch,
};
