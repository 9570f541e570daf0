import { join } from 'node:path';
import { inject } from 'vitest';
import {
  type Answer,
  type AssistantOptions,
  createAssistant,
  type PolicyAssistant,
} from '../../src/core/index.js';
import { Classifier } from '../../src/core/model/classifier.js';
import { type KnowledgeBase, loadKnowledgeBase } from '../../src/knowledge/index.js';
import { cacheFile, fingerprint, knowledgeFrom, readCompiled } from '../../src/runtime/cache.js';

export const ROOT = join(import.meta.dirname, '..', '..');

let shared: KnowledgeBase | undefined;
let trained: Classifier | undefined;

/** The project's real knowledge base, loaded once per test file. */
export function knowledgeBase(): KnowledgeBase {
  shared ??= loadKnowledgeBase({ root: ROOT });
  return shared;
}

/**
 * Its classifier, trained once for the whole run (tests/support/build.ts) and read from that
 * start-up cache; trained here only if the cache is missing (a test run without the global setup).
 */
export function classifier(): Classifier {
  if (trained) return trained;
  const dir = inject('modelCacheDir');
  const cached = dir
    ? readCompiled(cacheFile(ROOT, { POLICYBOT_CACHE_DIR: dir }), fingerprint(ROOT))
    : undefined;
  trained =
    (cached && Classifier.fromState(cached.model, knowledgeFrom(cached))) ||
    Classifier.train(knowledgeBase());
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
    if (action.kind === 'export') throw new Error(`"${label}" is a file to download, not an answer`);
    const answer =
      action.kind === 'follow-up'
        ? await this.bot.followUp(action.followUp, action.topic, context)
        : action.kind === 'bibliography'
          ? await this.bot.showBibliography(context)
          : await this.bot.showTopic(action.topic, context);
    this.transcript.push({ question: `[${label}]`, answer });
    return answer;
  }
}

/** A conversation asked turn by turn; each turn's intent and follow-up kind, as the port answers. */
export async function turns(id: string, questions: readonly string[]): Promise<[string, string | null][]> {
  const chat = new TestConversation(assistant(), id);
  const out: [string, string | null][] = [];
  for (const q of questions) {
    const a = await chat.say(q);
    out.push([a.intent, a.followUp]);
  }
  return out;
}
