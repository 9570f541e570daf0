import { join } from 'node:path';
import {
  type Answer,
  type AssistantOptions,
  createAssistant,
  type PolicyAssistant,
} from '../../src/core/index.js';
import { Classifier } from '../../src/core/model/classifier.js';
import { type KnowledgeBase, loadKnowledgeBase } from '../../src/knowledge/index.js';

export const ROOT = join(import.meta.dirname, '..', '..');

let shared: KnowledgeBase | undefined;
let trained: Classifier | undefined;

/** The project's real knowledge base, loaded once per test file. */
export function knowledgeBase(): KnowledgeBase {
  shared ??= loadKnowledgeBase({ root: ROOT });
  return shared;
}

/** Its classifier, trained once per test file (training is the slow part of building an assistant). */
export function classifier(): Classifier {
  trained ??= Classifier.train(knowledgeBase());
  return trained;
}

export function assistant(options: AssistantOptions = {}): PolicyAssistant {
  return createAssistant(knowledgeBase(), { classifier: classifier(), ...options });
}

/**
 * A conversation, so tests read like one (after botbuilder's TestAdapter): `await chat.say('fentanyl?')`
 * returns the answer, and the same conversation id carries follow-ups through the port.
 */
export class TestConversation {
  readonly transcript: { question: string; answer: Answer }[] = [];

  constructor(
    private readonly bot: PolicyAssistant,
    private readonly id = 'test-conversation',
  ) {}

  async say(question: string): Promise<Answer> {
    const answer = await this.bot.ask(question, { conversationId: this.id, platform: 'test' });
    this.transcript.push({ question, answer });
    return answer;
  }

  /** A button on the last answer, pressed: its action sent back through the port. */
  async press(label: string): Promise<Answer> {
    const last = this.transcript.at(-1)?.answer;
    const action = last?.actions.find((a) => a.label === label);
    if (action === undefined) throw new Error(`no button "${label}" on the last answer`);
    const context = { conversationId: this.id, platform: 'test' };
    const answer =
      action.kind === 'follow-up'
        ? await this.bot.followUp(action.followUp, action.topic, context)
        : await this.bot.showTopic(action.topic, context);
    this.transcript.push({ question: `[${label}]`, answer });
    return answer;
  }
}
