import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../support/assistant.js';
import { runBuiltCli } from '../support/cli.js';

const cacheDir = mkdtempSync(join(tmpdir(), 'policybot-pipes-'));
afterAll(() => rmSync(cacheDir, { recursive: true, force: true }));
const env = { PATH: process.env.PATH ?? '', POLICYBOT_CACHE_DIR: cacheDir };

/**
 * `policybot ask … | head -1`: the reader takes one line and goes away. The CLI runs as a child
 * process whose standard output is closed after its first line, with many questions still to answer.
 */
function askThenCloseAfterFirstLine(): Promise<{
  code: number | null;
  signal: string | null;
  stderr: string;
  first: string;
}> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'dist/cli/main.js'), 'ask', '--json'], {
      cwd: ROOT,
      env,
    });
    let stderr = '';
    let first = '';
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.stdout.once('data', (d: Buffer) => {
      first = d.toString().split('\n')[0] ?? '';
      // What head does once it has its line: the pipe's read end is gone.
      child.stdout.destroy();
    });
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stderr, first }));
    child.stdin.end('what does the report say about fentanyl\n'.repeat(2000));
  });
}

describe('policybot ask into a pipe', () => {
  it('ends quietly, with status 0 and no stack, when the reader closes the pipe (| head -1)', async () => {
    const { code, signal, stderr, first } = await askThenCloseAfterFirstLine();
    expect(JSON.parse(first)).toMatchObject({ intent: 'threat.drugs' });
    expect(signal).toBeNull();
    expect(code).toBe(0);
    expect(stderr).not.toContain('EPIPE');
    expect(stderr).toBe('');
  });

  it('--json echoes an over-long question cut at the length limit, and says it was cut', async () => {
    // Over the default limit of 500 characters, with an emoji whose two halves straddle the cut.
    const question = `${'a'.repeat(499)}🦊${'b'.repeat(20_000)}`;
    const { code, stdout } = await runBuiltCli(['ask', '--json'], {
      input: `${question}\nransomware\n`,
      env: { POLICYBOT_CACHE_DIR: cacheDir },
    });
    expect(code).toBe(0);
    const [long, next] = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(long?.questionTruncated).toBe(true);
    expect(long?.questionLength).toBe(question.length);
    const echoed = String(long?.question);
    expect(echoed.length).toBeLessThanOrEqual(500);
    expect(echoed).toBe('a'.repeat(499));
    expect(stdout.length).toBeLessThan(20_000);
    // The answer says the question was too long; the next line is answered as usual.
    expect(long?.kind).toBe('decline');
    expect(next).toMatchObject({ question: 'ransomware', intent: 'threat.ransomware' });
    expect(next?.questionTruncated).toBeUndefined();
  });

  it('--json echoes a question within the limit whole', async () => {
    const question = `${'fentanyl '.repeat(50)}🦊`.trim();
    const { stdout } = await runBuiltCli(['ask', '--json', question], {
      env: { POLICYBOT_CACHE_DIR: cacheDir },
    });
    const [answer] = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(answer?.question).toBe(question);
    expect(answer?.questionTruncated).toBeUndefined();
  });
});
