import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dotEnvProblems, loadDotEnv, parseDotEnv } from '../../src/config/dotenv.js';
import { ROOT } from '../support/assistant.js';
import { runBuiltCli } from '../support/cli.js';

const work = mkdtempSync(join(tmpdir(), 'policybot-dotenv-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A working folder of its own holding `.env`, as a user's project folder would. */
function folderWithEnv(name: string, text: string): string {
  const made = mkdtempSync(join(work, `${name}-`));
  writeFileSync(join(made, '.env'), text);
  return made;
}

describe('.env, as every command reads it', () => {
  it('reads comments, export, quotes, inline comments and a multi-line quoted value', () => {
    const parsed = parseDotEnv(
      [
        '# a comment',
        '',
        'POLICYBOT_CITATION_STYLE=apa',
        'export PORT=3001',
        'SLACK_SIGNING_SECRET="s3cret # not a comment"',
        "HOST='127.0.0.1' # a comment",
        'KEY="-----BEGIN-----',
        'abc',
        '-----END-----"',
        'EMPTY=',
      ].join('\n'),
      '.env',
    );
    expect(parsed).toEqual({
      POLICYBOT_CITATION_STYLE: 'apa',
      PORT: '3001',
      SLACK_SIGNING_SECRET: 's3cret # not a comment',
      HOST: '127.0.0.1',
      KEY: '-----BEGIN-----\nabc\n-----END-----',
      EMPTY: '',
    });
  });

  it('names each malformed line by its number and never shows its text (it may hold a secret)', () => {
    expect(dotEnvProblems('A=1\nxoxb-123 oops\nB=2\n')).toEqual([
      { line: 2, why: expect.stringContaining('not NAME=value') },
    ]);
    expect(dotEnvProblems('A=1\nB="never closed\nC=3')).toEqual([
      { line: 2, why: expect.stringContaining('never closed') },
    ]);
    expect(dotEnvProblems('1BAD=x\nGOOD=y')).toEqual([{ line: 1, why: expect.any(String) }]);
    const error = (() => {
      try {
        parseDotEnv('A=1\nDISCORD_TOKEN secret-token-value\n', '/project/.env');
      } catch (e) {
        return e as Error;
      }
    })();
    expect(error?.message).toContain('/project/.env:2:');
    expect(error?.message).not.toContain('secret-token-value');
  });

  it('fills in only what the environment does not set: the environment wins', () => {
    const dir = folderWithEnv('wins', 'POLICYBOT_CITATION_STYLE=apa\nPOLICYBOT_THRESHOLD=0.4\n');
    const env: NodeJS.ProcessEnv = { POLICYBOT_CITATION_STYLE: 'mla' };
    expect(loadDotEnv(env, dir)).toBe(join(dir, '.env'));
    expect(env).toEqual({ POLICYBOT_CITATION_STYLE: 'mla', POLICYBOT_THRESHOLD: '0.4' });
  });

  it('reads none with POLICYBOT_ENV_FILE=off, another file when it names one, and says when it is missing', () => {
    const dir = folderWithEnv('choose', 'POLICYBOT_THRESHOLD=0.4\n');
    writeFileSync(join(dir, 'staging.env'), 'POLICYBOT_THRESHOLD=0.7\n');
    const off: NodeJS.ProcessEnv = { POLICYBOT_ENV_FILE: 'off' };
    expect(loadDotEnv(off, dir)).toBeUndefined();
    expect(off.POLICYBOT_THRESHOLD).toBeUndefined();
    const other: NodeJS.ProcessEnv = { POLICYBOT_ENV_FILE: 'staging.env' };
    loadDotEnv(other, dir);
    expect(other.POLICYBOT_THRESHOLD).toBe('0.7');
    expect(() => loadDotEnv({ POLICYBOT_ENV_FILE: 'nowhere.env' }, dir)).toThrow(
      /POLICYBOT_ENV_FILE: no file/,
    );
    expect(loadDotEnv({}, work)).toBeUndefined();
  });
});

describe('the built CLI in a folder with a .env', () => {
  const cache = mkdtempSync(join(work, 'cache-'));
  const env = { POLICYBOT_CACHE_DIR: cache, POLICYBOT_ENV_FILE: '' };

  it('answers `ask --json` in the citation style .env sets', async () => {
    const dir = folderWithEnv('apa', 'POLICYBOT_CITATION_STYLE=apa\n');
    const run = await runBuiltCli(['ask', '--json', 'fentanyl'], { cwd: dir, env });
    expect(run.code).toBe(0);
    const answer = JSON.parse(run.stdout) as { citations: { reference: string; style?: string }[] };
    const references = answer.citations.map((c) => c.reference).join('\n');
    // APA's reference list: the year in brackets, "Retrieved … from" for the undated page.
    expect(references).toContain('Retrieved November 26, 2026, from https://1787securityplatform.com');
    expect(references).not.toContain('Quoted in');
  }, 30_000);

  it('stops with the file and line of a malformed .env, exit status 1', async () => {
    const dir = folderWithEnv('bad', 'POLICYBOT_CITATION_STYLE=apa\nnot a line\n');
    const run = await runBuiltCli(['topics'], { cwd: dir, env });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`${join(dir, '.env')}:2: is not NAME=value`);
  }, 30_000);

  it('`npm start` (policybot start) starts Discord, not the chat, when .env configures it', async () => {
    const dir = folderWithEnv(
      'discord',
      [
        `DISCORD_PUBLIC_KEY=${'ab'.repeat(32)}`,
        'DISCORD_APPLICATION_ID=123456789012345678',
        'PORT=0',
        'HOST=127.0.0.1',
        'POLICYBOT_LOG_FORMAT=json',
        'POLICYBOT_UNANSWERED_LOG=off',
      ].join('\n'),
    );
    const child = spawn(process.execPath, [join(ROOT, 'dist/cli/main.js'), 'start'], {
      cwd: dir,
      env: { PATH: process.env.PATH ?? '', ...env },
    });
    let log = '';
    child.stderr.on('data', (d: Buffer) => {
      log += d.toString();
    });
    child.stdout.resume();
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    // Generous: under a full suite on two shared cores, serve's start can take a while.
    const deadline = Date.now() + 90_000;
    while (!log.includes('http listening') && child.exitCode === null && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 50));
    const listening = log.includes('http listening');
    child.kill('SIGTERM');
    const code = await exited;
    expect(listening, log).toBe(true);
    expect(log).toContain('discord interactions endpoint registered');
    expect(code).toBe(0);
  }, 120_000);
});
