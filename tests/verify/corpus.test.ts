import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { VERDICTS } from '../../src/core/verify/types.js';
import { parseVerifyCorpus, scoreVerify } from '../../src/eval/verify.js';
import { assistant } from '../support/assistant.js';

// Memo paragraphs written for the checker by another hand, each quotation labelled with what the
// checker must report (tests/verify/corpus-dev.jsonl; scored once before tuning: see BENCHMARKS.md).
const cases = parseVerifyCorpus(
  readFileSync(join(import.meta.dirname, 'corpus-dev.jsonl'), 'utf8'),
  'corpus-dev.jsonl',
);

describe('the quote checker on the labelled development corpus', () => {
  it('gets at least 98% of the quotations right and passes no altered or misattributed one as exact', async () => {
    const bot = assistant();
    const results = await Promise.all(cases.map((c) => bot.verify(c.text, 'plain')));
    const score = scoreVerify(cases, results);
    const report = score.misses.map((m) => `${m.id}: expected ${m.expected}, got ${m.got}: “${m.quote}”`);
    expect(score.total).toBeGreaterThanOrEqual(100);
    expect(score.accuracy, report.join('\n')).toBeGreaterThanOrEqual(0.98);
    expect(score.passedAsExact, report.join('\n')).toBe(0);
    // Short quoted strings (titles, scare quotes) are left alone, and nothing else is flagged.
    expect(score.falseAlarms, report.join('\n')).toBe(0);
    // Every kind of verdict is in the corpus, so each is held.
    for (const v of VERDICTS) expect(score.byVerdict[v].right).toBeGreaterThan(0);
  });
});
