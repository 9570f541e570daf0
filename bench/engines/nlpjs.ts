import { createRequire } from 'node:module';
import type * as NlpjsBasic from '@nlpjs/basic';
import { FALLBACK_ID } from '../../src/knowledge/ids.js';
import type { Engine, EngineSpec } from '../engine.js';
import { toIntent } from '../engine.js';

/** NLP.js's own default: a best intent scoring under it comes back as "None". */
export const NLPJS_THRESHOLD = 0.5;

/**
 * NLP.js v4 as its README sets it up (container, Nlp, LangEn), with the three settings a server
 * would change: no model.nlp written to the working directory, no sentiment analysis (policybot
 * computes none, and it is not classification work), and no per-epoch console log.
 */
export async function createNlpjs(): Promise<Engine> {
  // Required here, not at the top: run.ts reads this file's spec and should not load NLP.js itself.
  const { containerBootstrap, LangEn, Nlp } = createRequire(import.meta.url)(
    '@nlpjs/basic',
  ) as typeof NlpjsBasic;
  const container = await containerBootstrap();
  // The NLU logs every training epoch to the console by default and ignores { nlu: { log: false } }
  // (nlp.js issue 1366); its settings are read from this configuration, so register it quiet first.
  container.registerConfiguration('nlu-en', {
    keepStopwords: true,
    nonefeatureValue: 1,
    nonedeltaMultiplier: 1.2,
    spellCheck: false,
    spellCheckDistance: 1,
    filterZeros: true,
    log: false,
  });
  container.use(Nlp);
  container.use(LangEn);
  let nlp: NlpjsBasic.NlpInstance | undefined;
  return {
    name: 'nlpjs',
    async train(examples) {
      nlp = container.get('nlp');
      Object.assign(nlp.settings, { autoSave: false, autoLoad: false, calculateSentiment: false });
      nlp.addLanguage('en');
      // The out-of-scope phrases go to NLP.js's own "None" intent: its idiom for "not for me".
      for (const e of examples) nlp.addDocument('en', e.text, e.intent === FALLBACK_ID ? 'None' : e.intent);
      await nlp.train();
    },
    async classify(text) {
      if (!nlp) throw new Error('nlpjs: classify before train');
      const result = await nlp.process('en', text);
      // process() already turned a score under its threshold into "None"; "None" is not an id of ours.
      return { intent: toIntent(result.intent, result.score, NLPJS_THRESHOLD), confidence: result.score };
    },
  };
}

export const spec: EngineSpec = {
  id: 'nlpjs',
  label: 'NLP.js',
  setup:
    '`@nlpjs/basic` v4: container + `Nlp` + `LangEn`, its neural NLU with default settings and default threshold ' +
    "0.5. Negatives trained as its built-in `None` intent (the library's idiom for out of scope); `None` → " +
    'fallback. autoSave, sentiment and the epoch log off (no effect on the intent).',
  tuned: false,
  conversational: false,
  create: createNlpjs,
};
