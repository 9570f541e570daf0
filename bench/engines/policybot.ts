import { createAssistant, type PolicyAssistant } from '../../src/core/index.js';
import type { KnowledgeBase } from '../../src/knowledge/types.js';
import type { Engine, EngineSpec } from '../engine.js';

/**
 * The product itself, through the same pipeline that `policybot eval` and every adapter run (the
 * port's ask, minus the conversation store): a classification here also decides and composes the
 * cited answer, work no peer below does.
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
      const answer = assistant.answerNow(text);
      return { intent: answer.intent, confidence: answer.confidence ?? 0 };
    },
  };
}

export const spec: EngineSpec = {
  id: 'policybot',
  label: 'policybot core',
  setup:
    'createAssistant(kb) with its default calibrated threshold 0.5; classified through the whole pipeline, which also composes ' +
    'the cited answer. Negatives are its own `fallback` intent. Its spelling vocabulary also reads the topic titles ' +
    'and summaries, as in production.',
  tuned: false,
  create: createPolicybot,
};
