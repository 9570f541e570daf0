import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startInstance } from '../../src/ops/instance.js';
import { ROOT } from '../support/assistant.js';
import { memoryLog } from './support.js';

// `policybot serve` restarted after a bad edit: the start-up cache holds the last knowledge base
// that loaded, and it is served (and said so) rather than nothing.
const work = mkdtempSync(join(tmpdir(), 'policybot-last-good-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const env = {
  PORT: '0',
  HOST: '127.0.0.1',
  POLICYBOT_KNOWLEDGE_DIR: work,
  POLICYBOT_CACHE_DIR: join(work, 'cache'),
  POLICYBOT_UNANSWERED_LOG: 'off',
};

describe('the last good knowledge base', () => {
  it('is served after a restart with a broken file, and the log says so, naming the problem', async () => {
    for (const folder of ['intents', 'content'])
      cpSync(join(ROOT, folder), join(work, folder), { recursive: true });
    const first = await startInstance({ env, logStream: memoryLog().stream });
    await first.stop('test');

    const topics = join(work, 'content', 'topics');
    const broken = readdirSync(topics).find((f) => f.endsWith('.yaml')) as string;
    writeFileSync(join(topics, broken), 'id: [this is not\n  a topic: {\n');
    const log = memoryLog();
    const second = await startInstance({ env, logStream: log.stream });
    try {
      const said = log
        .lines()
        .find((l) => String(l.msg).startsWith('knowledge base invalid: serving the last good one'));
      expect(said).toBeDefined();
      expect(JSON.stringify(said)).toContain(broken);
      expect(second.readiness().knowledge).toBe(true);
      const answer = await second.service.ask('what does the report say about ransomware');
      expect(answer.title).toBe('Ransomware');
    } finally {
      await second.stop('test');
    }
  }, 120_000);
});
