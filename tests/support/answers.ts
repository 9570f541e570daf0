import type { Answer } from '../../src/core/index.js';

/** The 24 ids of the knowledge base's public contract: tools, eval sets and records rely on them. */
export const CONTRACT_IDS = [
  'threat.overview',
  'threat.instability',
  'threat.drugs',
  'threat.fraud',
  'threat.ransomware',
  'threat.trafficking',
  'solution.overview',
  'solution.mexico',
  'solution.inl',
  'solution.penalties',
  'solution.institutions',
  'solution.corruption',
  'solution.treaties',
  'solution.border',
  'solution.trafficking',
  'solution.ilea',
  'solution.canada',
  'source.ata',
  'source.1787',
  'related.immigration',
  'bot.help',
  'bot.greeting',
  'bot.thanks',
  'fallback',
] as const;

/** The content topics of the contract: what one can ask about and cite. */
export const CONTRACT_TOPICS = CONTRACT_IDS.filter((id) => !id.startsWith('bot.') && id !== 'fallback');

/** A hand-made Answer for rendering tests: a topic's answer unless overridden. */
export function answerOf(overrides: Partial<Answer> = {}): Answer {
  return {
    kind: 'answer',
    intent: 'threat.drugs',
    confidence: 0.9,
    title: 'Illicit drugs and trafficking',
    blocks: [{ kind: 'paragraph', role: 'summary', content: [{ kind: 'text', text: 'Short.' }] }],
    summary: 'Short.',
    quotes: [],
    facts: [],
    references: [],
    form: 'full',
    notes: [],
    didYouMean: [],
    text: 'Short.',
    citations: [],
    style: 'plain',
    related: [],
    suggestions: [],
    actions: [],
    followUp: null,
    topic: 'threat.drugs',
    group: 'threat',
    trace: {
      decidedBy: 'topic',
      reason: 'a test answer',
      steps: [],
      previousTopic: null,
      threshold: 0.5,
      classification: null,
    },
    ...overrides,
  };
}
