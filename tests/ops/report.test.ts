import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { historyLine } from '../../src/cli/commands/report.js';
import { buildReport, parseSince, type ReportGroup } from '../../src/ops/report.js';
import {
  cleanQuestion,
  readRecords,
  type UnansweredRecord,
  UnansweredRecorder,
} from '../../src/ops/unanswered.js';
import { hashKey, userHasher } from '../../src/ops/user-hash.js';
import { assistant, classifier } from '../support/assistant.js';
import { type CliRun, runBuiltCli } from '../support/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'policybot-report-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const NOW = Date.parse('2024-06-10T12:00:00Z');
const hour = 3_600_000;

function record(question: string, hoursAgo: number, user = 'u1'): UnansweredRecord {
  return {
    time: new Date(NOW - hoursAgo * hour).toISOString(),
    reason: 'fallback',
    platform: 'slack',
    user,
    question,
    intent: 'fallback',
    confidence: 0.9,
  };
}

/** A recorded log as a week of use would leave it: repeated needs in several wordings, and noise. */
const RECORDED: UnansweredRecord[] = [
  record('cocaine prices in europe', 1, 'a'),
  record('cocaine prices in europe', 2, 'b'),
  record('price of cocaine in europe?', 3, 'c'),
  record('cocaine prices europe', 4, 'a'),
  record('who heads the DEA', 5, 'a'),
  record('who is the head of the DEA', 6, 'd'),
  record('weather in mexico city', 7, 'e'),
  record('what does the report say about ransomware', 8, 'f'),
  record('cocaine prices in europe', 24 * 30, 'old'),
];

describe('the unanswered log', () => {
  it('rotates by size, keeping a bounded number of files, and reads them all back in order', () => {
    const file = join(dir, 'rotating', 'unanswered.jsonl');
    const recorder = new UnansweredRecorder({ file, maxBytes: 1024, keep: 2 });
    for (let i = 0; i < 40; i++) recorder.record(record(`question number ${i} ${'x'.repeat(40)}`, 40 - i));
    expect(existsSync(`${file}.1`)).toBe(true);
    expect(existsSync(`${file}.2`)).toBe(true);
    expect(existsSync(`${file}.3`)).toBe(false);
    for (const f of [file, `${file}.1`, `${file}.2`])
      expect(readFileSync(f).length).toBeLessThanOrEqual(1024);
    const { records } = readRecords(file);
    const numbers = records.map((r) => Number(/number (\d+)/.exec(r.question)?.[1]));
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
    expect(numbers.at(-1)).toBe(39);
  });

  it('stores questions without control or zero-width characters, and bounded', () => {
    expect(cleanQuestion('who\u200b heads\u0000 the\tDEA\u202e?')).toBe('who heads the DEA ?');
    expect(cleanQuestion('x'.repeat(2000))).toHaveLength(500);
  });

  it('hashes users under a key: stable, unguessable without it, salt made once per install', () => {
    const salt = join(dir, 'salt', '.user-hash-salt');
    const first = hashKey(undefined, salt);
    const again = hashKey(undefined, salt);
    expect(first.source).toBe('file');
    expect(again.key).toBe(first.key);
    expect(userHasher(first.key)('U1')).toBe(userHasher(again.key)('U1'));
    expect(userHasher('another key, sixteen+')('U1')).not.toBe(userHasher(first.key)('U1'));
    expect(hashKey('configured key of 16+', salt).source).toBe('env');
  });
});

describe('the report', () => {
  const { normalizer } = classifier();
  const bot = assistant();

  it('groups wordings of one need, most frequent first, with the nearest topic; and is deterministic', () => {
    const recent = RECORDED.filter((r) => Date.parse(r.time) >= NOW - 7 * 24 * hour);
    const groups = buildReport(recent, normalizer, bot);
    const [top, second] = groups;
    expect(top).toMatchObject({ count: 4, people: 3, example: 'cocaine prices in europe' });
    expect(top?.questions.map((q) => q.text)).toEqual([
      'cocaine prices in europe',
      // Equally frequent: the one asked first comes first.
      'cocaine prices europe',
      'price of cocaine in europe?',
    ]);
    expect(top?.nearest?.intent).toBe('threat.drugs');
    expect(top?.nearest?.title).toBe('Illicit drugs and trafficking');
    expect(second).toMatchObject({ count: 2, example: 'who is the head of the DEA' });
    // Content that answers it now is pointed out.
    expect(groups.find((g) => g.example.includes('ransomware'))?.answeredNow).toBe('threat.ransomware');
    expect(buildReport([...recent].reverse(), normalizer, bot)).toEqual(groups);
  });

  it('says what the record says happened then: declined, or answered with low confidence', () => {
    const unsure: UnansweredRecord = {
      ...record('what does the report say about fentanyl', 2, 'g'),
      reason: 'low-confidence',
      intent: 'threat.drugs',
      confidence: 0.58,
    };
    const groups = buildReport(
      [unsure, record('what does the report say about ransomware', 1)],
      normalizer,
      bot,
    );
    const drugs = groups.find((g) => g.example.includes('fentanyl'));
    const ransomware = groups.find((g) => g.example.includes('ransomware'));
    expect(drugs?.asked).toEqual({ declined: 0, lowConfidence: 1, answeredBy: ['threat.drugs'] });
    expect(drugs?.now?.intent).toBe('threat.drugs');
    expect(ransomware?.asked).toEqual({ declined: 1, lowConfidence: 0, answeredBy: [] });
    // Only a question declined then and answered now points to content added since.
    const at = (confidence: number) => ({ intent: 'threat.drugs', confidence });
    const group = (asked: ReportGroup['asked'], now: ReportGroup['now']) => ({
      ...(drugs as ReportGroup),
      asked,
      now,
    });
    expect(historyLine(group({ declined: 3, lowConfidence: 0, answeredBy: [] }, at(0.91)))).toBe(
      'declined when asked; answered now by threat.drugs (confidence 0.91): content added since?',
    );
    expect(
      historyLine(group({ declined: 0, lowConfidence: 2, answeredBy: ['threat.drugs'] }, at(0.62))),
    ).toBe(
      'answered by threat.drugs with low confidence when asked; answered now by threat.drugs (confidence 0.62)',
    );
    expect(historyLine(group({ declined: 1, lowConfidence: 2, answeredBy: ['threat.drugs'] }, null))).toBe(
      'declined 1× and answered 2× by threat.drugs with low confidence when asked; declined now',
    );
    // Declined then and now: nothing new to say.
    expect(historyLine(group({ declined: 2, lowConfidence: 0, answeredBy: [] }, null))).toBeUndefined();
  });

  it('reads periods as 7d, 12h, 2w, a date or all', () => {
    expect(parseSince('7d', NOW)?.toISOString()).toBe('2024-06-03T12:00:00.000Z');
    expect(parseSince('12h', NOW)?.toISOString()).toBe('2024-06-10T00:00:00.000Z');
    expect(parseSince('2024-06-01')?.toISOString()).toBe('2024-06-01T00:00:00.000Z');
    expect(parseSince('all')).toBeUndefined();
    expect(() => parseSince('soon')).toThrow(/not a period/);
  });

  it('`policybot report` prints it from a recorded log, and --json for tools', async () => {
    const file = join(dir, 'recorded.jsonl');
    // Times relative to now, as the CLI filters against the clock.
    const shifted = RECORDED.map((r) => ({
      ...r,
      time: new Date(Date.parse(r.time) - NOW + Date.now()).toISOString(),
    }));
    writeFileSync(file, `${shifted.map((r) => JSON.stringify(r)).join('\n')}\nnot a record\n`);
    const text = await cli(['report', '--file', file]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/Unanswered questions since .*: 8 in 4 groups \(1 unreadable line skipped\)/);
    expect(text.stdout).toContain(' 1. 4× (3 people)  “cocaine prices in europe”');
    expect(text.stdout).toContain('nearest topic: threat.drugs “Illicit drugs and trafficking”');
    expect(text.stdout).toMatch(
      /declined when asked; answered now by threat\.ransomware \(confidence 0\.\d\d\): content added since\?/,
    );
    expect(text.stdout).not.toContain('answered now by threat.ransomware (content added since?)');
    const json = await cli(['report', '--file', file, '--since', 'all', '--json', '--top', '1']);
    const parsed = JSON.parse(json.stdout) as { total: number; groups: { count: number }[] };
    expect(parsed.total).toBe(9);
    expect(parsed.groups).toEqual([expect.objectContaining({ count: 5 })]);
    const missing = await cli(['report', '--file', join(dir, 'nothing.jsonl')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('No unanswered log');
  });
});

function cli(args: string[]): Promise<CliRun> {
  return runBuiltCli(args, { env: { POLICYBOT_CACHE_DIR: join(dir, 'cache') } });
}
