import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { ROOT } from '../support/assistant.js';
import { runBuiltCli } from '../support/cli.js';

const work = mkdtempSync(join(tmpdir(), 'policybot-check-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function copy(name: string, extra: unknown): string {
  const dir = join(work, name);
  for (const folder of ['intents', 'content'])
    cpSync(join(ROOT, folder), join(dir, folder), { recursive: true });
  writeFileSync(join(dir, 'intents/zz-extra.yaml'), stringify(extra));
  return dir;
}

const check = (dir: string) =>
  runBuiltCli(['check'], { env: { POLICYBOT_KNOWLEDGE_DIR: dir, POLICYBOT_CACHE_DIR: join(dir, '.cache') } });

describe('policybot check', () => {
  it('runs every training phrase through the pipeline and names the one that gets another intent', async () => {
    // The same words as a phrase of threat.drugs ("fentanyl?"), given to another intent.
    const dir = copy('clash', [{ id: 'threat.fraud', utterances: ['Fentanyl?!'] }]);
    const { code, stderr } = await check(dir);
    expect(code).toBe(1);
    expect(stderr).toContain('intents/zz-extra.yaml: threat.fraud: "Fentanyl?!" gets answer threat.drugs');
    expect(stderr).toContain('exception: why it may get another answer');
  }, 60_000);

  it('accepts a phrase marked as an exception, with its reason, and counts it', async () => {
    const dir = copy('accepted', [
      {
        id: 'threat.fraud',
        utterances: [{ text: 'Fentanyl?!', exception: 'a test of accepted exceptions' }],
      },
    ]);
    const { code, stdout } = await check(dir);
    expect(code).toBe(0);
    // The knowledge base's own exceptions, and this one.
    expect(stdout).toMatch(/each answered as its own intent, [1-9]\d* accepted exceptions?;/);
  }, 60_000);
});
