import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { evaluate } from '../../src/cli/commands/eval.js';
import { createAssistant } from '../../src/core/index.js';
import { checkPhrases } from '../../src/eval/phrases.js';
import { loadKnowledgeBase } from '../../src/knowledge/index.js';
import { startInstance } from '../../src/ops/instance.js';
import { memoryLog } from '../ops/support.js';
import { ROOT } from '../support/assistant.js';

// A curator adds a topic and its source with files alone: a topic file, an intents file, a registry
// entry and the source's stored text. No code knows its id.
const work = mkdtempSync(join(tmpdir(), 'policybot-new-topic-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const ID = 'related.seabird-notes';
const STORED = 'Puffins nest on cliffs of the North Atlantic and winter far out at sea.';

function copy(name: string): string {
  const dir = join(work, name);
  for (const folder of ['intents', 'content'])
    cpSync(join(ROOT, folder), join(dir, folder), { recursive: true });
  return dir;
}

function addTopic(dir: string): void {
  writeFileSync(join(dir, 'content/sources/seabird-notes.txt'), `${STORED}\n`);
  const sources = join(dir, 'content/sources.yaml');
  writeFileSync(
    sources,
    `${readFileSync(sources, 'utf8')}\n${stringify([
      {
        id: 'seabird-notes',
        kind: 'webpage',
        title: 'Seabird Notes',
        publisher: 'Test Field Station',
        url: 'https://example.org/seabird-notes',
        accessed: '2026-11-30',
        text: 'sources/seabird-notes.txt',
      },
    ])}`,
  );
  writeFileSync(
    join(dir, `content/topics/${ID}.yaml`),
    stringify({
      id: ID,
      group: 'related',
      order: 9,
      title: 'Seabird notes',
      names: ['puffins', 'seabirds'],
      summary: 'A test page on where puffins nest and winter.',
      quotes: [{ text: STORED, source: 'seabird-notes' }],
      related: [],
      followUps: ['Tell me more'],
    }),
  );
  writeFileSync(
    join(dir, 'intents/seabirds.yaml'),
    stringify([
      {
        id: ID,
        utterances: [
          'where do puffins nest',
          'puffin nesting cliffs',
          'where do puffins spend the winter',
          'seabirds of the north atlantic',
          'tell me about puffins',
          'puffins?',
          'do puffins winter at sea',
          'atlantic seabird nesting',
          'what do the seabird notes say',
          'puffin colonies on cliffs',
          'where are puffin colonies',
          'seabird wintering grounds',
          'which cliffs do puffins use',
          'north atlantic puffins',
          'puffin facts',
        ],
      },
    ]),
  );
}

describe('a topic added by files alone', () => {
  const dir = copy('added');
  addTopic(dir);

  it('is checked, answered, cited, found and listed', async () => {
    const kb = loadKnowledgeBase({ root: dir });
    expect(kb.topics.get(ID)?.group).toBe('related');
    const bot = createAssistant(kb);
    const check = checkPhrases(bot);
    expect(check.misses.filter((m) => m.intent === ID)).toEqual([]);
    const answer = await bot.ask('where do the puffins go in winter');
    expect(answer).toMatchObject({ kind: 'answer', intent: ID });
    expect(answer.citations[0]).toMatchObject({ sourceId: 'seabird-notes', quote: STORED });
    expect(await bot.cite('puffins')).toMatchObject({ kind: 'topic', topic: { intent: ID } });
    expect(await bot.cite('seabird notes')).toMatchObject({ kind: 'source' });
    expect(bot.findTopics('puf')[0]?.intent).toBe(ID);
    expect(bot.topics().map((t) => t.intent)).toContain(ID);
    const labelled = join(dir, 'labelled.jsonl');
    writeFileSync(labelled, `${JSON.stringify({ q: 'puffin wintering at sea', ok: [ID] })}\n`);
    expect(evaluate(bot, labelled).inScope.accuracy).toBe(1);
  });

  it('is served after a hot reload of a running instance', async () => {
    const running = copy('running');
    const log = memoryLog();
    const instance = await startInstance({
      env: {
        PORT: '0',
        HOST: '127.0.0.1',
        POLICYBOT_KNOWLEDGE_DIR: running,
        POLICYBOT_NO_CACHE: '1',
        POLICYBOT_UNANSWERED_LOG: 'off',
        POLICYBOT_LOG_LEVEL: 'warn',
      },
      logStream: log.stream,
    });
    try {
      expect((await instance.service.ask('where do puffins nest')).intent).not.toBe(ID);
      mkdirSync(join(running, 'content/sources'), { recursive: true });
      addTopic(running);
      expect(await instance.reload('test')).toBe(true);
      expect((await instance.service.ask('where do puffins nest')).intent).toBe(ID);
      expect(instance.service.findTopics('puffi')[0]?.intent).toBe(ID);
    } finally {
      await instance.stop('test done');
    }
  });
});
