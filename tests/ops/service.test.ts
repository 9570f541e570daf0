import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { PolicyAssistant } from '../../src/core/index.js';
import { AnswerLog } from '../../src/ops/answer-log.js';
import { createMetrics } from '../../src/ops/metrics.js';
import { AssistantService } from '../../src/ops/service.js';
import { lastMarks } from '../../src/ops/curators-record.js';
import { parseLines, UnansweredRecorder } from '../../src/ops/unanswered.js';
import { userHasher } from '../../src/ops/user-hash.js';
import { MemoryStateStore } from '../../src/state/memory/store.js';
import { assistant } from '../support/assistant.js';
import { memoryLogger } from './support.js';

const dir = mkdtempSync(join(tmpdir(), 'policybot-service-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const real = assistant();

function service(options: { capacity?: number; bot?: PolicyAssistant; file?: string } = {}) {
  const log = memoryLogger();
  const metrics = createMetrics({ defaultMetrics: false });
  const file = options.file ?? join(dir, `${Math.random().toString(36).slice(2)}.jsonl`);
  const svc = new AssistantService({
    assistant: options.bot ?? real,
    logger: log.logger,
    metrics,
    hashUser: userHasher('a test key of sixteen+ characters'),
    limiter: new MemoryStateStore().rateLimit({ capacity: options.capacity ?? 100, refillPerMinute: 1 }),
    recorder: new UnansweredRecorder({ file, maxBytes: 1024 * 1024 }),
    lowConfidence: 0.65,
  });
  return { svc, log, metrics, file };
}

const metric = async (metrics: ReturnType<typeof createMetrics>, name: string) =>
  (await metrics.registry.getSingleMetric(name)?.get())?.values ?? [];

describe('the assistant service every adapter calls', () => {
  it('answers as the assistant does, with one log line per question: id, platform, kind, intent, step, latency', async () => {
    const { svc, log } = service();
    const answer = await svc.ask('what does the report say about fentanyl', {
      platform: 'slack',
      user: 'U0001',
    });
    const { ref, ...rest } = answer;
    expect(rest).toEqual(await real.ask('what does the report say about fentanyl'));
    const [line] = log.lines().filter((l) => l.msg === 'question');
    // The reference its feedback buttons carry back is the request's id.
    expect(ref).toBe(line?.req);
    expect(line).toMatchObject({ platform: 'slack', kind: 'answer', intent: 'threat.drugs', level: 30 });
    expect(line?.step).toBe(answer.trace.decidedBy);
    expect(line?.req).toMatch(/^[0-9a-f-]{36}$/);
    expect(typeof line?.confidence).toBe('number');
    expect(typeof line?.latencyMs).toBe('number');
    // The user is a pseudonym: never the platform's id, the same for the same person.
    expect(line?.user).toMatch(/^[0-9a-f]{16}$/);
    expect(log.text()).not.toContain('U0001');
    await svc.ask('ransomware', { platform: 'slack', user: 'U0001' });
    expect(log.lines()[1]?.user).toBe(line?.user);
  });

  it('records "not helpful" on an answer by its reference, with the question and how it was decided, once per person', async () => {
    const { svc, metrics, file } = service();
    const answer = await svc.ask('what does the report say about fentanyl', {
      platform: 'slack',
      user: 'U0001',
    });
    expect(answer.ref).toBeDefined();
    const ref = answer.ref as string;
    expect(await svc.feedback(ref, 'not-helpful', { platform: 'slack', user: 'U0001' })).toBe('recorded');
    // A double click, or Slack retrying the click: noted once.
    expect(await svc.feedback(ref, 'not-helpful', { platform: 'slack', user: 'U0001' })).toBe('again');
    // Another person's mark counts on its own.
    expect(await svc.feedback(ref, 'helpful', { platform: 'slack', user: 'U0002' })).toBe('recorded');
    expect(await svc.feedback('no-such-answer', 'helpful', { platform: 'slack', user: 'U0001' })).toBe(
      'unknown',
    );

    const records = readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const marks = records.filter((r) => r.reason === 'feedback');
    expect(marks).toHaveLength(2);
    expect(marks[0]).toMatchObject({
      value: 'not-helpful',
      platform: 'slack',
      question: 'what does the report say about fentanyl',
      intent: 'threat.drugs',
      kind: 'answer',
      step: answer.trace.decidedBy,
      trace: { decidedBy: answer.trace.decidedBy },
    });
    expect(marks[0].trace.candidates[0].intent).toBe('threat.drugs');
    expect(marks[0].user).toMatch(/^[0-9a-f]{16}$/);
    expect(readFileSync(file, 'utf8')).not.toContain('U0001');
    const counted = await metric(metrics, 'policybot_feedback_total');
    expect(counted.map((v) => [v.labels.value, v.value]).sort()).toEqual([
      ['helpful', 1],
      ['not-helpful', 1],
    ]);
  });

  it('lets the last mark count: /bad then /good on one answer is recorded as a change, and read back as helpful', async () => {
    const { svc, file } = service();
    const answer = await svc.ask('ransomware', { platform: 'cli', user: 'me' });
    const ref = answer.ref as string;
    const mark = (value: 'helpful' | 'not-helpful') =>
      svc.feedback(ref, value, { platform: 'cli', user: 'me' });
    expect(await mark('not-helpful')).toBe('recorded');
    expect(await mark('helpful')).toBe('recorded');
    expect(await mark('helpful')).toBe('again');
    expect(await mark('not-helpful')).toBe('recorded');
    expect(await mark('helpful')).toBe('recorded');
    const all = parseLines(readFileSync(file, 'utf8').split('\n')).records;
    const marks = all.filter((r) => r.reason === 'feedback');
    expect(marks.map((r) => r.value)).toEqual(['not-helpful', 'helpful', 'not-helpful', 'helpful']);
    expect(new Set(marks.map((r) => r.ref))).toEqual(new Set([ref]));
    // What report and learn read: one mark, the last.
    const counted = lastMarks(all).filter((r) => r.reason === 'feedback');
    expect(counted.map((r) => r.value)).toEqual(['helpful']);
  });

  it('finds an answer another replica gave, through the shared state store', async () => {
    const state = new MemoryStateStore();
    const file = join(dir, 'replicas.jsonl');
    const replica = () =>
      new AssistantService({
        assistant: real,
        logger: memoryLogger().logger,
        hashUser: userHasher('a test key of sixteen+ characters'),
        recorder: new UnansweredRecorder({ file, maxBytes: 1024 * 1024 }),
        answers: new AnswerLog(state),
      });
    const [a, b] = [replica(), replica()];
    const answer = await a.ask('ransomware', { platform: 'discord', user: 'u1' });
    expect(await b.feedback(answer.ref as string, 'not-helpful', { platform: 'discord', user: 'u1' })).toBe(
      'recorded',
    );
    expect(JSON.parse(readFileSync(file, 'utf8').trim())).toMatchObject({
      question: 'ransomware',
      value: 'not-helpful',
    });
  });

  it('counts questions by platform and intent, fallbacks and latency', async () => {
    const { svc, metrics } = service();
    await svc.ask('ransomware', { platform: 'discord', user: 'a' });
    await svc.ask('ransomware', { platform: 'discord', user: 'a' });
    await svc.ask('what is the capital of canada', { platform: 'slack', user: 'b' });
    await svc.ask('tell me more', { platform: 'slack', user: 'b', conversationId: 'nothing-yet' });
    const questions = await metric(metrics, 'policybot_questions_total');
    expect(questions).toContainEqual(
      expect.objectContaining({ labels: { platform: 'discord', intent: 'threat.ransomware' }, value: 2 }),
    );
    // The decline and the question back are both intent fallback; their kinds tell them apart below.
    expect(questions).toContainEqual(
      expect.objectContaining({ labels: { platform: 'slack', intent: 'fallback' }, value: 2 }),
    );
    expect(await metric(metrics, 'policybot_fallbacks_total')).toEqual([
      expect.objectContaining({ labels: { platform: 'slack' }, value: 1 }),
    ]);
    // A question back is counted apart from a decline.
    expect(await metric(metrics, 'policybot_clarifications_total')).toEqual([
      expect.objectContaining({ labels: { platform: 'slack' }, value: 1 }),
    ]);
    expect(await metric(metrics, 'policybot_decisions_total')).toContainEqual(
      expect.objectContaining({
        labels: { platform: 'slack', kind: 'clarify', step: 'exact-phrase' },
        value: 1,
      }),
    );
    const text = await metrics.registry.metrics();
    expect(text).toContain('policybot_answer_duration_seconds_count{platform="discord"} 2');
  });

  it('answers a user over the limit with a friendly answer, counted, while others are answered', async () => {
    const { svc, metrics, log } = service({ capacity: 2 });
    const context = { platform: 'slack', user: 'flooder', conversationId: 'c1' };
    await svc.ask('ransomware', context);
    await svc.ask('ransomware', context);
    const limited = await svc.ask('ransomware', context);
    expect(limited).toMatchObject({ kind: 'rate-limited', intent: 'fallback', confidence: null });
    expect(limited.text).toMatch(/^You're asking faster than I can answer\. Please try again in 1 minute\.$/);
    expect(limited.citations).toEqual([]);
    expect((await svc.ask('ransomware', { platform: 'slack', user: 'someone-else' })).intent).toBe(
      'threat.ransomware',
    );
    expect(await metric(metrics, 'policybot_rate_limited_total')).toEqual([
      expect.objectContaining({ labels: { platform: 'slack' }, value: 1 }),
    ]);
    expect(log.lines().some((l) => l.msg === 'question rate-limited')).toBe(true);
    // The same id on another platform is another person.
    expect((await svc.ask('ransomware', { platform: 'discord', user: 'flooder' })).intent).toBe(
      'threat.ransomware',
    );
    // Buttons count against the same limit: a button is a request too.
    await expect(svc.followUp('more', 'threat.drugs', context)).resolves.toMatchObject({
      kind: 'rate-limited',
    });
  });

  it('records fallbacks and low-confidence answers with the nearest topic, not empty questions', async () => {
    const { svc, file } = service();
    await svc.ask('what does the DNI say about \u200bcocaine prices in europe\u0007', {
      platform: 'slack',
      user: 'U1',
    });
    await svc.ask('', { platform: 'slack', user: 'U1' });
    await svc.ask('x'.repeat(10_000), { platform: 'slack', user: 'U1' });
    await svc.ask('ransomware', { platform: 'slack', user: 'U1' });
    await svc.showTopic('threat.drugs', { platform: 'slack', user: 'U1' });
    const records = readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      reason: 'fallback',
      kind: 'decline',
      platform: 'slack',
      intent: 'fallback',
    });
    expect(typeof records[0].step).toBe('string');
    expect(records[0].question).toBe('what does the DNI say about cocaine prices in europe');
    expect(records[0].user).toMatch(/^[0-9a-f]{16}$/);
    expect(records[0].nearest.intent).toMatch(/^(threat|solution|source|related)\./);
    expect(JSON.stringify(records)).not.toContain('U1');
  });

  it('logs a failing assistant with the request id and rethrows, for the adapter to apologize', async () => {
    const failing = {
      ...real,
      ask: async () => {
        throw new Error('the core fell over');
      },
    } as PolicyAssistant;
    const { svc, log, metrics } = service({ bot: failing });
    await expect(svc.ask('ransomware', { platform: 'slack' })).rejects.toThrow('the core fell over');
    expect(log.lines()).toContainEqual(
      expect.objectContaining({ msg: 'question failed', err: 'the core fell over', level: 50 }),
    );
    expect(await metric(metrics, 'policybot_errors_total')).toEqual([expect.objectContaining({ value: 1 })]);
  });

  it('swaps the assistant underneath (a reload) for every caller at once', async () => {
    const { svc } = service();
    const replacement = {
      ...real,
      ask: (q: string) => real.ask(`ransomware ${q}`),
    } as PolicyAssistant;
    expect((await svc.ask('hello')).intent).not.toBe('threat.ransomware');
    svc.replace(replacement);
    expect((await svc.ask('')).intent).toBe('threat.ransomware');
    expect(svc.knowledgeBase).toBe(real.knowledgeBase);
  });
});
