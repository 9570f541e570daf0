// The benchmark's deterministic parts. Its timings never enter a test.
import { describe, expect, it } from 'vitest';
import LogisticRegressionClassifier from 'natural/lib/natural/classifiers/logistic_regression_classifier.js';
import PorterStemmer from 'natural/lib/natural/stemmers/porter_stemmer.js';
import { type EngineSpec, standalonePhrases, toIntent, trainingPhrases } from '../../bench/engine.js';
import { CappedLogisticRegression } from '../../bench/engines/natural-lr.js';
import { percentile, QuestionStream, variant } from '../../bench/measure.js';
import { END, renderMarkdown, START, spliceGenerated } from '../../bench/report.js';
import type { BenchResults } from '../../bench/run-results.js';
import { poolFollowUps } from '../../bench/score.js';
import { evalSet, evalSets, type SetStatus } from '../../bench/sets.js';
import { renderTargets } from '../../bench/standing.js';
import { POOLED_LABEL, renderAccuracy, renderSpeed } from '../../bench/tables.js';
import { type CvPoint, chooseThreshold, cvFigures, foldOf, foldSplit } from '../../bench/tune.js';
import type { FollowUpReport } from '../../src/cli/commands/eval.js';
import type { LabelledQuestion } from '../../src/eval/dataset.js';
import { score } from '../../src/eval/metrics.js';
import type { TrainingExample } from '../../src/knowledge/types.js';

describe('variant', () => {
  it('keeps the question as written at 0 and its words at every n', () => {
    const q = 'what does the report say about fentanyl';
    expect(variant(q, 0)).toBe(q);
    for (let n = 1; n < 300; n++) expect(variant(q, n).trim().split(/\s+/)).toEqual(q.split(' '));
  });

  it('never spells a question the same way twice', () => {
    for (const q of ['hi', 'immigration reform', 'how do we counter TCOs']) {
      const seen = new Set(Array.from({ length: 500 }, (_, n) => variant(q, n)));
      expect(seen.size).toBe(500);
    }
  });

  it('streams the questions in turn, never repeating a string', () => {
    const stream = new QuestionStream(['a b', 'c']);
    const got = Array.from({ length: 6 }, () => stream.next());
    expect(got.map((s) => s.trim().split(/\s+/).join(' '))).toEqual(['a b', 'c', 'a b', 'c', 'a b', 'c']);
    expect(new Set(got).size).toBe(6);
  });
});

describe('percentile', () => {
  it('is nearest-rank', () => {
    const sorted = Float64Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(sorted, 50)).toBe(50);
    expect(percentile(sorted, 99)).toBe(99);
    expect(percentile(sorted, 100)).toBe(100);
    expect(percentile([7], 99)).toBe(7);
  });
});

describe('threshold tuning', () => {
  it('deals every intent evenly into the folds', () => {
    const examples: TrainingExample[] = [
      ...Array.from({ length: 10 }, (_, i) => ({
        intent: 'threat.drugs' as const,
        text: `d${i}`,
        file: 'x',
      })),
      ...Array.from({ length: 5 }, (_, i) => ({ intent: 'fallback' as const, text: `f${i}`, file: 'x' })),
    ];
    const folds = foldOf(examples, 5);
    for (let f = 0; f < 5; f++) {
      expect(examples.filter((e, i) => folds[i] === f && e.intent === 'threat.drugs')).toHaveLength(2);
      expect(examples.filter((e, i) => folds[i] === f && e.intent === 'fallback')).toHaveLength(1);
    }
  });

  it('declines below the cut that answers the most held-out phrases right', () => {
    const points: CvPoint[] = [
      { truth: 'fallback', intent: 'threat.drugs', confidence: 0.1 },
      { truth: 'fallback', intent: 'threat.fraud', confidence: 0.2 },
      { truth: 'threat.drugs', intent: 'threat.drugs', confidence: 0.6 },
      { truth: 'threat.fraud', intent: 'threat.fraud', confidence: 0.8 },
      { truth: 'fallback', intent: 'threat.fraud', confidence: 0.9 },
    ];
    const choice = chooseThreshold(points);
    expect(choice.threshold).toBeCloseTo(0.4);
    expect(choice.cvAccuracy).toBeCloseTo(4 / 5);
    expect(choice.cvAccuracyUnthresholded).toBeCloseTo(2 / 5);
  });

  it('keeps no threshold when declining would only lose answers', () => {
    const points: CvPoint[] = [
      { truth: 'threat.drugs', intent: 'threat.drugs', confidence: 0.1 },
      { truth: 'fallback', intent: 'fallback', confidence: 0.5 },
    ];
    expect(chooseThreshold(points).threshold).toBe(Number.NEGATIVE_INFINITY);
  });
});

describe('toIntent', () => {
  it('maps a peer label to our ids, declining what is unknown or unsure', () => {
    expect(toIntent('threat.drugs', 0.9, 0.5)).toBe('threat.drugs');
    expect(toIntent('threat.drugs', 0.4, 0.5)).toBe('fallback');
    expect(toIntent('None', 1, 0.5)).toBe('fallback');
    expect(toIntent(undefined, 0, Number.NEGATIVE_INFINITY)).toBe('fallback');
  });
});

describe('BENCHMARKS.md', () => {
  it('replaces only the generated block', () => {
    const before = `# Benchmarks\n\n${START}\nold table\n${END}\n\n## Notes by hand\n`;
    const after = spliceGenerated(before, `${START}\nnew table\n${END}`);
    expect(after).toBe(`# Benchmarks\n\n${START}\nnew table\n${END}\n\n## Notes by hand\n`);
  });

  it('starts the file when there is none', () => {
    expect(spliceGenerated('', `${START}\nx\n${END}`)).toContain(`${START}\nx\n${END}`);
  });
});

describe("natural's logistic regression, capped", () => {
  const docs: [string, string][] = [
    ['fentanyl from mexico', 'drugs'],
    ['synthetic opioids overdose', 'drugs'],
    ['cyber ransomware attack', 'cyber'],
    ['hackers lock hospital computers', 'cyber'],
    ['weather in paris', 'fallback'],
    ['bake bread recipe', 'fallback'],
  ];
  const trained = <T extends { addDocument(text: string, label: string): void; train(): void }>(c: T): T => {
    for (const [text, label] of docs) c.addDocument(text, label);
    c.train();
    return c;
  };

  it("gives natural's own scores when the cap is never reached", () => {
    const natural = trained(new LogisticRegressionClassifier(PorterStemmer));
    const ours = trained(new CappedLogisticRegression(PorterStemmer, Number.MAX_SAFE_INTEGER));
    for (const q of ['opioids from mexico', 'ransomware', 'paris bread'])
      expect(ours.getClassifications(q)).toEqual(natural.getClassifications(q));
  });

  it('stops at the cap, short of convergence', () => {
    const capped = trained(new CappedLogisticRegression(PorterStemmer, 2));
    const natural = trained(new LogisticRegressionClassifier(PorterStemmer));
    const top = (c: { getClassifications(q: string): { label: string; value: number }[] }) =>
      c.getClassifications('opioids from mexico')[0];
    expect(top(capped)?.label).toBe('drugs');
    expect(top(capped)?.value).toBeLessThan(top(natural)?.value ?? 0);
  });
});

describe('training phrases', () => {
  const phrase = (intent: string, text: string): TrainingExample => ({
    intent,
    text,
    file: 'intents/x.yaml',
  });
  const examples = [
    phrase('threat.drugs', 'fentanyl'),
    phrase('followup.more', 'tell me more'),
    phrase('threat.drugs', 'opioids'),
    phrase('fallback', 'weather'),
    phrase('followup.source', 'cite {topic}'),
    phrase('fallback', 'bread'),
  ];

  it('leaves the follow-up acts out of a peer’s training, not out of policybot’s', () => {
    expect(standalonePhrases(examples).map((e) => e.text)).toEqual([
      'fentanyl',
      'opioids',
      'weather',
      'bread',
    ]);
    expect(trainingPhrases({ conversational: true } as EngineSpec, examples)).toHaveLength(6);
    expect(trainingPhrases({ conversational: false } as EngineSpec, examples)).toHaveLength(4);
  });

  it('stops on a topic slot outside the follow-up acts', () => {
    expect(() => standalonePhrases([phrase('threat.drugs', 'more on {topic}')])).toThrow(/\{topic\}/);
  });

  it('holds out the same standalone phrases for every engine, follow-ups always trained', () => {
    const heldOut = (conversational: boolean) =>
      Array.from({ length: 2 }, (_, fold) => foldSplit({ conversational }, examples, fold, 2));
    const peer = heldOut(false);
    const ours = heldOut(true);
    for (let fold = 0; fold < 2; fold++) {
      expect(ours[fold]?.held).toEqual(peer[fold]?.held);
      expect(ours[fold]?.train).toHaveLength((peer[fold]?.train.length ?? 0) + 2);
      expect(peer[fold]?.train.some((e) => e.intent.startsWith('followup.'))).toBe(false);
    }
    expect(peer.flatMap((f) => f.held.map((e) => e.text)).sort()).toEqual(
      ['bread', 'fentanyl', 'opioids', 'weather'].sort(),
    );
  });
});

describe('cross-validated figures', () => {
  const points: CvPoint[] = [
    { truth: 'threat.drugs', intent: 'threat.drugs', confidence: 0.9 },
    { truth: 'threat.drugs', intent: 'threat.drugs', confidence: 0.2 },
    { truth: 'threat.fraud', intent: 'threat.drugs', confidence: 0.8 },
    { truth: 'fallback', intent: 'fallback', confidence: 0.7 },
    { truth: 'fallback', intent: 'threat.fraud', confidence: 0.3 },
  ];

  it('scores the answers as given with no threshold', () => {
    const f = cvFigures(points);
    expect(f.inScope).toEqual({ total: 3, correct: 2, accuracy: 2 / 3 });
    expect(f.outOfScope).toEqual({ total: 2, declined: 1, recall: 0.5 });
  });

  it('declines below the threshold', () => {
    const f = cvFigures(points, 0.5);
    expect(f.inScope.correct).toBe(1);
    expect(f.outOfScope.declined).toBe(2);
  });
});

describe('evaluation sets', () => {
  it('names the final set only when asked for', () => {
    expect(evalSets(false).map((s) => [s.name, s.status])).toEqual([
      ['dev-a', 'tuned on'],
      ['dev-b', 'tuned on'],
      ['dev-c', 'tuned on'],
      ['dev-d', 'tuned on'],
      ['dev-e', 'tuned on'],
      ['dev-f', 'tuned on'],
      ['dev-g', 'tuned on'],
      ['dev-h', 'tuned on'],
      ['dev-i', 'tuned on'],
      ['dev-j', 'tuned on'],
      ['dev-l', 'tuned on'],
      ['dev-m', 'tuned on'],
    ]);
    const withFinal = evalSets(true);
    expect(withFinal.at(-1)).toMatchObject({ name: 'final', status: 'untouched' });
    expect(withFinal.at(-1)?.questions).toMatch(/blind\/final\.jsonl$/);
    expect(withFinal.at(-1)?.followUps).toMatch(/blind\/final-followups\.jsonl$/);
    expect(() => evalSet('questions')).toThrow(/unknown evaluation set/);
  });

  it('pools follow-up reports', () => {
    const miss = {
      context: ['a'],
      q: 'b',
      ok: ['x'],
      followUp: [null],
      predicted: 'y',
      predictedFollowUp: null,
    };
    const pooled = poolFollowUps([
      { total: 4, correct: 3, accuracy: 0.75, misses: [miss] },
      { total: 6, correct: 6, accuracy: 1, misses: [] },
    ]);
    expect(pooled).toEqual({ total: 10, correct: 9, accuracy: 0.9, misses: [miss] });
  });
});

describe('the report', () => {
  const item = (q: string, ok: string): LabelledQuestion => ({ q, ok: [ok], line: 1 });
  /** A set of 4 questions (1 out of scope) answered with `right` of the 3 in scope right, the negative declined or not. */
  const report = (right: number, declines: boolean) =>
    score([
      ...['a', 'b', 'c'].map((q, i) => ({
        item: item(q, 'threat.drugs'),
        predicted: i < right ? 'threat.drugs' : 'threat.fraud',
        confidence: 1,
      })),
      { item: item('d', 'fallback'), predicted: declines ? 'fallback' : 'threat.drugs', confidence: 1 },
    ]);
  const followUps = (correct: number): FollowUpReport => ({
    total: 2,
    correct,
    accuracy: correct / 2,
    misses: [],
  });
  const engine = (id: string, label: string, right: number, conversational: boolean, final: boolean) => {
    const set = (name: string, status: SetStatus) => ({
      name,
      status,
      report: report(right, conversational),
      followUps: conversational ? followUps(2) : null,
    });
    const sample = { heapUsedMB: 10, rssMB: 100 };
    return {
      kind: 'measure' as const,
      id,
      label,
      setup: `${label} as set up.`,
      threshold: null,
      trainingPhrases: 10,
      loadMs: 5,
      trainMs: conversational ? 800 : 2000,
      baseline: sample,
      loaded: { heapUsedMB: 12, rssMB: 110 },
      sets: [
        set('dev-a', 'tuned on'),
        set('dev-b', 'tuned on'),
        ...(final ? [set('final', 'untouched')] : []),
      ],
      pooled: { report: report(right, conversational), followUps: conversational ? followUps(2) : null },
      timedQuestions: 8,
      latency: { samples: 100, p50Us: 40, p99Us: conversational ? 300 : 200, meanUs: 50 },
      throughputQps: 20_000,
      variantMismatches: 0,
      tuning: null,
      cv: {
        inScope: { total: 10, correct: 9, accuracy: 0.9 },
        outOfScope: { total: 5, declined: 4, recall: 0.8 },
        foldMs: [100, 120],
      },
    };
  };
  const results = (final: boolean): BenchResults => ({
    date: '2026-12-01T00:00:00.000Z',
    machine: {
      cpu: 'Test CPU',
      cores: 2,
      memoryGiB: 8,
      os: 'Linux',
      node: 'v20',
      v8: '11',
      pinnedCore: 1,
      loadAverage: [1, 1],
    },
    data: {
      phrases: 12,
      standalonePhrases: 10,
      followUpPhrases: 2,
      followUpIntents: 1,
      negatives: 3,
      intents: 4,
      sets: [
        { name: 'dev-a', status: 'tuned on', questions: 4, outOfScope: 1, followUps: 2 },
        { name: 'dev-b', status: 'tuned on', questions: 4, outOfScope: 1, followUps: 2 },
        ...(final
          ? [{ name: 'final', status: 'untouched' as const, questions: 4, outOfScope: 1, followUps: 2 }]
          : []),
      ],
      folds: 5,
    },
    cvMs: 2000,
    engines: [engine('policybot', 'policybot', 3, true, final), engine('nlpjs', 'NLP.js', 2, false, final)],
    cli: null,
    totalMs: 60_000,
  });
  const rowsOf = (table: string) => table.split('\n').slice(2);

  it('groups every engine under each set, the development sets pooled, follow-ups policybot’s alone', () => {
    const rows = rowsOf(renderAccuracy(results(false)));
    expect(rows).toHaveLength(6);
    expect(rows[0]).toBe(
      '| **dev-a** (tuned on) | **policybot** | 100.0% (3/3) | 100.0% (1/1) | 100.0% | 1.000 | 100.0% (2/2) |',
    );
    expect(rows[1]).toBe('|  | **NLP.js** | 66.7% (2/3) | 0.0% (0/1) | 100.0% | 0.333 | — |');
    expect(rows[2]).toContain('**dev-b** (tuned on)');
    expect(rows[4]).toContain(POOLED_LABEL);
    for (const row of rows) expect(row.split(' | ')).toHaveLength(7);
  });

  it('shows the final set apart, after the pool, only when the run scored it', () => {
    expect(renderAccuracy(results(false))).not.toContain('final');
    const rows = rowsOf(renderAccuracy(results(true)));
    expect(rows).toHaveLength(8);
    expect(rows[6]).toContain('**final** (untouched)');
    expect(renderMarkdown(results(false))).toContain('not read by this run');
    expect(renderMarkdown(results(true))).toContain('**untouched** until this run');
  });

  it('puts cross-validation, speed and memory in one row per engine', () => {
    const rows = rowsOf(renderSpeed(results(false)));
    expect(rows[0]).toBe(
      '| **policybot** | 90.0% (9/10) | 80.0% (4/5) | 800 ms | 40.0 µs | 300 µs | 20,000 q/s | 12.0 MB (+2.0) | 110.0 MB (+10.0) |',
    );
  });

  it('checks the targets on the sets given, the final one when scored', () => {
    const dev = renderTargets(results(false));
    expect(dev).toContain(
      '- In scope answered right ≥ 97.0%: 100.0% on the development sets pooled (tuned on), met.',
    );
    expect(dev).toContain("p99 no worse than NLP.js's: 300 µs vs 200 µs, **not met**");
    expect(dev).toContain('Training at most 1 s: 800 ms, met.');
    expect(dev).toContain('+33.3 and +100.0 pts on the development sets pooled (tuned on), met');
    expect(renderTargets(results(true))).toContain('100.0% on the final (untouched), met');
  });

  it('writes the block between its markers', () => {
    const md = renderMarkdown(results(false));
    expect(md.startsWith(START)).toBe(true);
    expect(md.endsWith(END)).toBe(true);
    expect(md).toContain('policybot also trains on the 2 phrases of the 1 follow-up acts');
  });
});
