import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/cli/commands/eval.js';
import { readLabelled } from '../../src/eval/dataset.js';
import { assistant, knowledgeBase, ROOT } from '../support/assistant.js';

const EVAL_FILE = join(ROOT, 'tests/eval/questions.jsonl');
/** A second set, written later by another hand that saw neither the training phrases nor the first set. */
const HOLDOUT_FILE = join(ROOT, 'tests/eval/holdout.jsonl');
const key = (s: string): string => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

describe('the labelled evaluation set', () => {
  const items = readLabelled(EVAL_FILE);

  it('is large enough and mostly near-domain', () => {
    expect(items.length).toBeGreaterThanOrEqual(150);
    expect(items.filter((i) => i.ok.includes('fallback')).length).toBeGreaterThanOrEqual(40);
  });

  it('shares no question with the training phrases (either set)', () => {
    const training = new Set(knowledgeBase().examples.map((e) => key(e.text)));
    const leaked = [...items, ...readLabelled(HOLDOUT_FILE)].filter((i) => training.has(key(i.q))).map((i) => i.q);
    expect(leaked).toEqual([]);
  });

  it('holds the accuracy floor: 95% in scope, 95% of out-of-scope questions declined', () => {
    const report = evaluate(assistant(), EVAL_FILE);
    expect(report.inScope.accuracy).toBeGreaterThanOrEqual(0.95);
    expect(report.outOfScope.recall).toBeGreaterThanOrEqual(0.95);
    expect(report.outOfScope.precision).toBeGreaterThanOrEqual(0.9);
  });

  it('holds a floor on the held-out set too, a little below the aim', () => {
    const report = evaluate(assistant(), HOLDOUT_FILE);
    expect(report.inScope.accuracy).toBeGreaterThanOrEqual(0.93);
    expect(report.outOfScope.recall).toBeGreaterThanOrEqual(0.93);
  });
});
