import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { README_END, README_START } from '../../bench/readme.js';
import { END, START } from '../../bench/report.js';
import { ROOT } from '../support/assistant.js';

/**
 * README's figures are the block a full `npm run bench` writes, from the same run as BENCHMARKS.md's
 * tables: the block is there, of the same day, and its figures are the tables' own.
 */
const between = (text: string, start: string, end: string): string | undefined => {
  const from = text.indexOf(start.slice(0, 24));
  const to = text.indexOf(end);
  return from === -1 || to < from ? undefined : text.slice(from, to);
};

describe("README's figures", () => {
  const readme = between(readFileSync(join(ROOT, 'README.md'), 'utf8'), README_START, README_END);
  const bench = between(readFileSync(join(ROOT, 'BENCHMARKS.md'), 'utf8'), START, END);

  it('are the block npm run bench writes, from the run BENCHMARKS.md reports', () => {
    expect(readme, 'README.md has the bench:readme markers').toBeDefined();
    expect(bench, 'BENCHMARKS.md has the bench markers').toBeDefined();
    const runOf = (text: string | undefined, pattern: RegExp) => pattern.exec(text ?? '')?.[1];
    const date = runOf(readme, /`npm run bench` of (\d{4}-\d{2}-\d{2})/);
    expect(date, 'the README block names its run').toBeDefined();
    expect(runOf(bench, /Measured (\d{4}-\d{2}-\d{2})/)).toBe(date);
  });

  it("quote BENCHMARKS.md's pooled development figures for policybot and NLP.js", () => {
    const pooled = (bench ?? '').slice((bench ?? '').indexOf('**development sets pooled**'));
    const cell = (engine: string) =>
      new RegExp(`\\*\\*${engine}\\*\\* \\| ([\\d.]+% \\(\\d+/\\d+\\))`).exec(pooled)?.[1];
    for (const engine of ['policybot', 'NLP.js']) {
      const figure = cell(engine);
      expect(figure, `BENCHMARKS.md's pooled row of ${engine}`).toBeDefined();
      expect(readme).toContain(
        `${engine} ${engine === 'NLP.js' ? 'on the same phrases ' : ''}in scope ${figure}`,
      );
    }
  });
});
