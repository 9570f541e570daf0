// The benchmark's deterministic parts. Its timings never enter a test.
import { describe, expect, it } from 'vitest';
import LogisticRegressionClassifier from 'natural/lib/natural/classifiers/logistic_regression_classifier.js';
import PorterStemmer from 'natural/lib/natural/stemmers/porter_stemmer.js';
import { toIntent } from '../../bench/engine.js';
import { CappedLogisticRegression } from '../../bench/engines/natural-lr.js';
import { percentile, QuestionStream, variant } from '../../bench/measure.js';
import { END, START, spliceGenerated } from '../../bench/report.js';
import { type CvPoint, chooseThreshold, foldOf } from '../../bench/tune.js';
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
