import BayesClassifier from 'natural/lib/natural/classifiers/bayes_classifier.js';
import PorterStemmer from 'natural/lib/natural/stemmers/porter_stemmer.js';
import type { EngineSpec, TunableEngine } from '../engine.js';
import { toIntent } from '../engine.js';

/**
 * natural's naive Bayes over stemmed bag-of-words features, with the Porter stemmer that policybot
 * also uses. Its scores are unnormalised joint likelihoods; we divide by their sum to get a
 * posterior to put a threshold on.
 */
export function createNaturalBayes(): TunableEngine {
  let classifier: BayesClassifier | undefined;
  const engine: TunableEngine = {
    name: 'natural-bayes',
    threshold: Number.NEGATIVE_INFINITY,
    train(examples) {
      classifier = new BayesClassifier(PorterStemmer);
      for (const e of examples) classifier.addDocument(e.text, e.intent);
      classifier.train();
    },
    classify(text) {
      if (!classifier) throw new Error('natural-bayes: classify before train');
      const ranked = classifier.getClassifications(text);
      const total = ranked.reduce((sum, r) => sum + r.value, 0);
      const top = ranked[0];
      const confidence = top && total > 0 ? top.value / total : 0;
      return { intent: toIntent(top?.label, confidence, engine.threshold), confidence };
    },
  };
  return engine;
}

export const spec: EngineSpec = {
  id: 'natural-bayes',
  label: 'natural Bayes',
  setup:
    "`BayesClassifier(PorterStemmer)` (natural's own tokenizer and stop words), negatives trained as a `fallback` " +
    'class; confidence = top likelihood / sum of all; answers below a threshold tuned by 5-fold cross-validation on ' +
    'the training phrases are fallback.',
  tuned: true,
  conversational: false,
  create: createNaturalBayes,
};
