import { createAssistant, type PolicyAssistant } from '../../src/core/index.js';
import type { KnowledgeBase } from '../../src/knowledge/types.js';
import type { Engine, EngineSpec } from '../engine.js';

/**
 * The product itself, through the same `ask` that `policybot eval` and every adapter call: a
 * classification here also composes the cited answer, work no peer below does.
 */
export function createPolicybot(kb: KnowledgeBase): Engine {
  let assistant: PolicyAssistant | undefined;
  return {
    name: 'policybot',
    train(examples) {
      assistant = createAssistant({ ...kb, examples });
    },
    classify(text) {
      if (!assistant) throw new Error('policybot: classify before train');
      const answer = assistant.ask(text);
      return { intent: answer.intent, confidence: answer.confidence };
    },
  };
}

export const spec: EngineSpec = {
  id: 'policybot',
  label: 'policybot core',
  setup:
    'createAssistant(kb) with its default calibrated threshold 0.5; classified through ask(), which also composes ' +
    'the cited answer. Negatives are its own `fallback` intent. Its spelling vocabulary also reads the topic titles ' +
    'and summaries, as in production.',
  tuned: false,
  create: createPolicybot,
};
