import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../support/assistant.js';
import { allExamples, examplesIn, normalizeOutput, outputMatches } from './examples.js';

/**
 * Every example marked runnable in README.md and docs/*.md (see examples.ts, and README's
 * "Contributing") is run, and its output compared with what the doc shows. Each block runs in an
 * empty working folder of its own, with the project's knowledge base, no tokens, no colour, as on a
 * terminal 100 columns wide (COLUMNS=100), a state folder and start-up cache of the run's own;
 * `policybot` and `npx policybot` run the built CLI (dist/, which `npm install` builds), and
 * POLICYBOT_ROOT names the project folder, for an example that copies something from it.
 */

const work = mkdtempSync(join(tmpdir(), 'policybot-docs-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const bin = join(work, 'bin');
mkdirSync(bin);
const shim = (name: string, body: string): void => {
  writeFileSync(join(bin, name), `#!/bin/sh\n${body}\n`);
  chmodSync(join(bin, name), 0o755);
};
shim('policybot', `exec "${process.execPath}" "${join(ROOT, 'dist/cli/main.js')}" "$@"`);
// `npx policybot` as in the project folder, without npx's own second of start-up.
shim(
  'npx',
  'if [ "$1" = policybot ]; then shift; exec policybot "$@"; fi\necho "npx $1: only npx policybot runs in the docs test" >&2; exit 127',
);

function env(folder: string): NodeJS.ProcessEnv {
  return {
    PATH: `${bin}:${process.env.PATH ?? ''}`,
    HOME: join(folder, '.home'),
    XDG_STATE_HOME: join(folder, '.state'),
    POLICYBOT_CACHE_DIR: join(work, 'cache'),
    POLICYBOT_ROOT: ROOT,
    NO_COLOR: '1',
    COLUMNS: '100',
    LANG: 'C.UTF-8',
    TZ: 'UTC',
  };
}

function run(command: string, cwd: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('sh', ['-c', `exec 2>&1\n${command}`], {
      cwd,
      env: env(cwd),
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => {
      output += d.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

describe('runnable examples in README.md and docs/*.md', () => {
  const examples = allExamples(ROOT);

  it('there are some', () => {
    expect(examples.length).toBeGreaterThan(0);
  });

  for (const example of examples) {
    it(`${example.where}: ${example.steps.map((s) => `$ ${s.command.split('\n')[0]}`).join(', ')}`, async () => {
      const cwd = mkdtempSync(join(work, 'example-'));
      for (const step of example.steps) {
        const { code, output } = await run(step.command, cwd);
        const actual = normalizeOutput(output);
        const context = `${example.where}: $ ${step.command}`;
        expect(code, `${context}\nexited with ${code}:\n${output}`).toBe(0);
        // On a mismatch, the two texts side by side (a `[...]` in the doc matches anything).
        if (!outputMatches(step.expected, actual))
          expect(actual.join('\n'), context).toBe(normalizeOutput(step.expected.join('\n')).join('\n'));
      }
    }, 120_000);
  }
});

describe('the runnable marker', () => {
  const doc = [
    'Intro',
    '<!-- runnable -->',
    '```console',
    '$ echo one && \\',
    '  echo two',
    'one',
    'two',
    '$ printf "a\\nb\\nc\\n"',
    'a',
    '[...]',
    '```',
    '```console',
    '$ not marked',
    '```',
  ].join('\n');

  it('reads the commands (with continued lines) and what each prints; unmarked blocks are left alone', () => {
    expect(examplesIn(doc, 'x.md')).toEqual([
      {
        where: 'x.md:3',
        steps: [
          { command: 'echo one && \n  echo two', expected: ['one', 'two'] },
          { command: 'printf "a\\nb\\nc\\n"', expected: ['a', '[...]'] },
        ],
      },
    ]);
  });

  it('matches [...] as any text in a line, or any lines on a line of its own', () => {
    expect(outputMatches(['a', '[...]'], ['a', 'b', 'c'])).toBe(true);
    expect(outputMatches(['a', '[...]', 'c'], ['a', 'c'])).toBe(true);
    expect(outputMatches(['Knowledge base OK: [...] topics'], ['Knowledge base OK: 24 topics'])).toBe(true);
    expect(outputMatches(['a', 'b'], ['a', 'b', 'c'])).toBe(false);
    expect(outputMatches(['a (b)'], ['a b'])).toBe(false);
  });

  it('names a marker that is not followed by a console block', () => {
    expect(() => examplesIn('<!-- runnable -->\n```sh\n$ x\n```', 'y.md')).toThrow('y.md:1');
  });
});
