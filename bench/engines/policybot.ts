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
  const trained = (): PolicyAssistant => {
    if (!assistant) throw new Error('policybot: classify before train');
    return assistant;
  };
  return {
    name: 'policybot',
    train(examples) {
      assistant = createAssistant({ ...kb, examples });
    },
    classify(text) {
      const answer = trained().answerNow(text);
      return { intent: answer.intent, confidence: answer.confidence ?? 0 };
    },
    async followUps(file) {
      // Imported here, once the engine is weighed: the CLI's scoring code is not part of the engine.
      const { evaluateFollowUps } = await import('../../src/cli/commands/eval.js');
      return evaluateFollowUps(trained(), file);
    },
  };
}

export const spec: EngineSpec = {
  id: 'policybot',
  label: 'policybot',
  setup:
    '`createAssistant(kb)` with its default calibrated threshold 0.5, trained on every phrase of `intents/` as in ' +
    'production (the follow-up acts included); each question classified through `answerNow(text)`, the whole ' +
    'pipeline (classification, the decision steps, the composed cited answer) without the conversation store. ' +
    'Negatives are its own `fallback` intent. Its spelling vocabulary also reads the topic titles and summaries, ' +
    'and it learns from the topics’ names, as in production. Follow-ups in context: `evaluateFollowUps` of ' +
    '`policybot eval`, each conversation asked in order, the last question scored on topic and follow-up kind.',
  tuned: false,
  conversational: true,
  create: createPolicybot,
};
