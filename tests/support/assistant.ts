import { join } from 'node:path';
import { type Answer, type AssistantOptions, createAssistant, type PolicyAssistant } from '../../src/core/index.js';
import { type KnowledgeBase, loadKnowledgeBase } from '../../src/knowledge/index.js';

export const ROOT = join(import.meta.dirname, '..', '..');

let shared: KnowledgeBase | undefined;

/** The project's real knowledge base, loaded once per test file. */
export function knowledgeBase(): KnowledgeBase {
  shared ??= loadKnowledgeBase({ root: ROOT });
  return shared;
}

export function assistant(options: AssistantOptions = {}): PolicyAssistant {
  return createAssistant(knowledgeBase(), options);
}

/**
 * A conversation in memory, so tests read like one (after botbuilder's TestAdapter):
 * `chat.say('fentanyl?')` returns the answer, and the same conversation id carries follow-ups.
 */
export class TestConversation {
  readonly transcript: { question: string; answer: Answer }[] = [];

  constructor(
    private readonly bot: PolicyAssistant,
    private readonly id = 'test-conversation',
  ) {}

  say(question: string): Answer {
    const answer = this.bot.ask(question, { conversationId: this.id, platform: 'test' });
    this.transcript.push({ question, answer });
    return answer;
  }
}
