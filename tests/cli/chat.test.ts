import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { wrapList } from '../../src/cli/commands/chat.js';
import { main } from '../../src/cli/program.js';
import { runBuiltCli } from '../support/cli.js';

const work = mkdtempSync(join(tmpdir(), 'policybot-chat-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const env = { NO_COLOR: '1', POLICYBOT_CACHE_DIR: join(work, 'cache'), POLICYBOT_UNANSWERED_LOG: 'off' };

/** The chat in this process, its output on a terminal `columns` wide (or into a pipe: unwrapped). */
async function chat(lines: readonly string[], columns?: number): Promise<string> {
  let out = '';
  const stdout = Object.assign(new PassThrough(), columns === undefined ? {} : { isTTY: true, columns });
  stdout.on('data', (d: Buffer) => {
    out += d.toString();
  });
  const stdin = Readable.from(lines.map((l) => `${l}\n`));
  const code = await main(['chat'], { stdin, stdout, stderr: new PassThrough(), env: { ...env } });
  expect(code).toBe(0);
  return out;
}

/** The words of a text, whatever its line breaks (a list broken across lines drops the · there). */
const words = (text: string): string => text.replace(/ · /g, ' ').replace(/\s+/g, ' ').trim();

describe('the terminal chat', () => {
  it('wraps "Next:" and "Try:" at the terminal width, never inside a word', async () => {
    const input = ['what does the report say about fentanyl', 'what about ransomware'];
    const narrow = await chat(input, 41);
    const wide = await chat(input);
    // Over the width only a word longer than a line (a URL), alone on its line.
    // References are never wrapped (a person copies them whole): the check is of everything else.
    const prose = narrow
      .split('\n\n')
      .filter((block) => !/^(?:Source|Sources)\n/.test(block))
      .join('\n');
    for (const line of prose.split('\n')) if (line.length > 40) expect(line.trim(), line).not.toContain(' ');
    // The same words in the same order: a cut inside a word would have split one in two.
    expect(words(narrow)).toBe(words(wide));
    const next = wide.split('\n').find((l) => l.startsWith('Next: '));
    expect(next?.length).toBeGreaterThan(40);
    expect(wide).toContain('Try: ');
    // Continuation lines of the Next list sit under its first option.
    const at = narrow.split('\n').findIndex((l) => l.startsWith('Next: '));
    expect(narrow.split('\n')[at + 1]).toMatch(/^ {6}\S/);
  }, 60_000);

  it('answers a number beyond the options offered with the numbers that are offered', async () => {
    const out = await chat(['ransomware', '9', '1']);
    const next = out.split('\n').find((l) => l.startsWith('Next: ')) ?? '';
    const count = next.split(' · ').length;
    expect(count).toBeGreaterThan(1);
    expect(out).toContain(
      `There is no option 9. Choose 1 to ${count} (the numbers on the "Next:" line), or ask a question.`,
    );
    // 1 still presses the first option, which the 9 did not take away.
    expect(out).not.toContain('is outside what I can answer');
    const before = await chat(['3']);
    expect(before).toContain('There is no option 3 now: ask a question, or /help.');
  }, 60_000);

  it('wraps a list into lines of whole items, a too-long item by its words', () => {
    expect(wrapList('Next: ', ['1 Tell me more', '2 Sources', '3 Related solutions'], 30)).toBe(
      'Next: 1 Tell me more\n      2 Sources\n      3 Related solutions',
    );
    expect(wrapList('Next: ', ['1 a', '2 b'], Number.POSITIVE_INFINITY)).toBe('Next: 1 a · 2 b');
    const long = wrapList(
      'Try: ',
      ['What should we do about it, according to 1787 and its ten solutions?'],
      30,
    );
    expect(long.split('\n').every((l) => l.length <= 30)).toBe(true);
    expect(words(long)).toBe('Try: What should we do about it, according to 1787 and its ten solutions?');
  });
});

describe("the chat's curators' record", () => {
  it('is announced at the start of an interactive chat, where it goes', async () => {
    let out = '';
    const stdout = Object.assign(new PassThrough(), { isTTY: true, columns: 200 });
    stdout.on('data', (d: Buffer) => {
      out += d.toString();
    });
    const stdin = Object.assign(Readable.from(['/quit\n']), { isTTY: true });
    const state = join(work, 'announced');
    const code = await main(['chat'], {
      stdin,
      stdout,
      stderr: new PassThrough(),
      env: { NO_COLOR: '1', POLICYBOT_CACHE_DIR: join(work, 'cache'), XDG_STATE_HOME: state },
    });
    expect(code).toBe(0);
    // Wrapped at the terminal's width, as everything the chat writes.
    expect(out.replace(/\s+/g, ' ')).toContain(
      `Marks and unanswered questions are kept for the curators in ${join(state, 'policybot', 'unanswered.jsonl')} (POLICYBOT_UNANSWERED_LOG).`,
    );
  }, 60_000);

  it('goes to the per-user state folder by default, not the working folder, and the last mark counts in report', async () => {
    const state = join(work, 'state');
    const cwd = mkdtempSync(join(work, 'cwd-'));
    const run = (args: string[], input = '') =>
      runBuiltCli(args, {
        cwd,
        input,
        env: { XDG_STATE_HOME: state, POLICYBOT_CACHE_DIR: join(work, 'cache') },
      });
    const chatted = await run(['chat'], 'what about ransomware\n/bad\n/good\n/good\n/quit\n');
    expect(chatted.code).toBe(0);
    expect(chatted.stdout).toContain('Already noted, thanks.');
    expect(readdirSync(cwd)).toEqual([]);
    const record = join(state, 'policybot', 'unanswered.jsonl');
    expect(existsSync(record)).toBe(true);
    const marks = readFileSync(record, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { value: string });
    expect(marks.map((m) => m.value)).toEqual(['not-helpful', 'helpful']);
    const report = await run(['report', '--json']);
    expect(report.code).toBe(0);
    expect(JSON.parse(report.stdout).notHelpful).toEqual({ total: 0, groups: [] });
  }, 60_000);
});
