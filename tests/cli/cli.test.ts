import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../support/assistant.js';
import { type CliRun, runBuiltCli } from '../support/cli.js';

const cacheDir = mkdtempSync(join(tmpdir(), 'policybot-cache-'));
const temporary: string[] = [cacheDir];

afterAll(() => {
  for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
});

/** The built CLI with its own cache folder and no platform configured. */
function run(args: string[], input = '', env: Record<string, string> = {}): Promise<CliRun> {
  return runBuiltCli(args, { input, env: { POLICYBOT_CACHE_DIR: cacheDir, ...env } });
}

const jsonLines = (out: string): Record<string, unknown>[] =>
  out
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);

describe('policybot ask', () => {
  it('answers a question from stdin as one JSON line, citing the assessment and 1787', async () => {
    const { code, stdout } = await run(['ask', '--json'], 'what does the report say about fentanyl\n');
    expect(code).toBe(0);
    const [answer] = jsonLines(stdout);
    expect(answer).toMatchObject({
      question: 'what does the report say about fentanyl',
      intent: 'threat.drugs',
    });
    const citations = answer?.citations as { sourceId: string; url: string }[];
    expect(citations.map((c) => c.sourceId)).toEqual(['odni-ata-2024', '1787-transnational-crime']);
  });

  it('answers each stdin line on its own, unless --session ties them together', async () => {
    const input = 'ransomware\ntell me more\n\nsource?\n';
    const alone = jsonLines((await run(['ask', '--json'], input)).stdout);
    expect(alone.map((a) => a.intent)).toEqual(['threat.ransomware', 'fallback', expect.any(String)]);
    expect(alone[2]?.followUp).toBeNull();
    const session = jsonLines((await run(['ask', '--json', '--session', 'memo'], input)).stdout);
    expect(session.map((a) => [a.intent, a.followUp])).toEqual([
      ['threat.ransomware', null],
      ['threat.ransomware', 'more'],
      ['threat.ransomware', 'source'],
    ]);
  });

  it('prints a readable answer with the quote and its source for a question given as arguments', async () => {
    const { code, stdout } = await run(['ask', 'what', 'is', 'INL?']);
    expect(code).toBe(0);
    expect(stdout).toContain(
      'Fortify the Bureau of International Narcotics and Law Enforcement Affairs (INL).',
    );
    expect(stdout).toContain('https://1787securityplatform.com/transnationalcrime');
    expect(stdout).not.toContain('\u001b['); // no colour when not on a terminal
  });

  it('keeps a named session across separate calls', async () => {
    const first = jsonLines(
      (await run(['ask', '--json', '--session', 'memo-2', 'money laundering'])).stdout,
    )[0];
    const next = jsonLines((await run(['ask', '--json', '--session', 'memo-2', 'tell me more'])).stdout)[0];
    expect(first).toMatchObject({ intent: 'threat.fraud' });
    expect(next).toMatchObject({ intent: 'threat.fraud', followUp: 'more' });
    const other = jsonLines((await run(['ask', '--json', '--session', 'another', 'tell me more'])).stdout)[0];
    expect(other).toMatchObject({ intent: 'fallback' });
  });

  it('--explain shows the step that decided, the candidates, their scores and the deciding terms', async () => {
    const { stdout } = await run(['ask', '--explain', 'fentenyl from mexico?']);
    expect(stdout).toContain('decided by: topic');
    expect(stdout).toContain('spelling: fentenyl → fentanyl');
    expect(stdout).toMatch(/threat\.drugs\s+p 0\.\d\d/);
    expect(stdout).toMatch(/▶ topic/);
    const [json] = jsonLines((await run(['ask', '--json', '--explain', 'fentenyl from mexico?'])).stdout);
    const explanation = json?.explanation as
      | { decidedBy: string; classification: { candidates: { intent: string }[] } }
      | undefined;
    expect(explanation?.decidedBy).toBe('topic');
    expect(explanation?.classification.candidates[0]?.intent).toBe('threat.drugs');
    // Without --explain, the line still says which step decided.
    const [plain] = jsonLines((await run(['ask', '--json', 'fentanyl'])).stdout);
    expect(plain).toMatchObject({ kind: 'answer', decidedBy: 'exact-phrase' });
  });

  it('is as right on a warm start (from the cache) as on a cold one', async () => {
    const first = jsonLines((await run(['ask', '--json', 'cite the ransomware bit'])).stdout)[0];
    const second = jsonLines((await run(['ask', '--json', 'cite the ransomware bit'])).stdout)[0];
    expect(second).toEqual(first);
    expect(first).toMatchObject({ intent: 'threat.ransomware', followUp: 'source' });
  });
});

describe('the other commands', () => {
  it('topics lists threats and solutions', async () => {
    const { code, stdout } = await run(['topics']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/threat\.drugs\s+Illicit drugs/);
    expect(stdout).toContain('solution.ilea');
  });

  it('prints its version', async () => {
    expect((await run(['--version'])).stdout).toMatch(/^policybot \d+\.\d+\.\d+/);
  });

  it('chat answers line by line, names an unknown /command, and quits on /quit', async () => {
    const { code, stdout } = await run(
      ['chat'],
      'hi\nwhat about ransomware\ntell me more\n/nope\n/quit\nnever read\n',
    );
    expect(stdout).toContain('Unknown command /nope.');
    expect(code).toBe(0);
    expect(stdout).toContain('ransomware operations');
    expect(stdout).not.toContain('never read');
  });

  it('chat marks the last answer with /bad and /good, into the curators’ record', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'policybot-chat-marks-'));
    const record = join(dir, 'unanswered.jsonl');
    const { code, stdout } = await run(['chat'], '/bad\nwhat about ransomware\n/bad\n/bad\n/quit\n', {
      POLICYBOT_UNANSWERED_LOG: record,
    });
    expect(code).toBe(0);
    expect(stdout).toContain('Ask me something first, then say whether it helped.');
    expect(stdout).toContain('Thanks, noted: the curators will see this question and the answer it got.');
    expect(stdout).toContain('Already noted, thanks.');
    const marks = readFileSync(record, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(marks).toHaveLength(1);
    expect(marks[0]).toMatchObject({
      reason: 'feedback',
      value: 'not-helpful',
      platform: 'cli',
      question: 'what about ransomware',
      intent: 'threat.ransomware',
    });
    rmSync(dir, { recursive: true, force: true });
  });

  it('check passes on the project and fails on a broken copy, naming file and field', async () => {
    expect((await run(['check'])).code).toBe(0);
    const dir = mkdtempSync(join(tmpdir(), 'policybot-broken-'));
    temporary.push(dir);
    cpSync(join(ROOT, 'intents'), join(dir, 'intents'), { recursive: true });
    cpSync(join(ROOT, 'content'), join(dir, 'content'), { recursive: true });
    writeFileSync(
      join(dir, 'content/topics/bot.thanks.yaml'),
      'id: bot.thanks\ntitle: Thanks\nsummary: ""\n',
    );
    const broken = await run(['check'], '', { POLICYBOT_KNOWLEDGE_DIR: dir });
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain('content/topics/bot.thanks.yaml: summary: must not be empty');
  });

  it('eval reports accuracy and exits 1 under a floor', async () => {
    const passing = await run(['eval', 'tests/eval/questions.jsonl', '--min-accuracy', '0.9']);
    expect(passing.code).toBe(0);
    expect(passing.stdout).toMatch(/In-scope accuracy:\s+\d+\.\d%/);
    expect(passing.stdout).toMatch(/Out-of-scope recall:/);
    const failing = await run(['eval', 'tests/eval/questions.jsonl', '--min-accuracy', '100%']);
    expect(failing.code).toBe(1);
    expect(failing.stderr).toContain('under the floor 100.0%');
    // A floor with a typo must not pass a CI gate silently.
    const typo = await run(['eval', 'tests/eval/questions.jsonl', '--min-accuracy', 'abc']);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('--min-accuracy must be a fraction');
    expect((await run(['eval', 'no-such-file.jsonl'])).stderr).toContain('No such file: no-such-file.jsonl');
  });

  it('names a bad setting and an unknown command', async () => {
    const bad = await run(['ask', 'fentanyl'], '', { POLICYBOT_THRESHOLD: 'high' });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('POLICYBOT_THRESHOLD: must be a number');
    const unknown = await run(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Unknown command "frobnicate"');
  });
});
