// Where policybot stands against each peer, and issue 11's targets, computed from a run's figures.
import { costRatio, duration, pct, signed } from './format.js';
import type { BenchResults, EngineResult } from './run-results.js';
import type { MeasureResult } from './worker.js';

const POLICYBOT = 'policybot';
const NLPJS = 'nlpjs';

/** The sets a comparison is made on: the pooled development sets, then the final set if scored. */
function comparedOn(r: BenchResults, e: EngineResult): { label: string; score: MeasureResult['pooled'] }[] {
  const untouched = r.data.sets.filter((s) => s.status === 'untouched');
  return [
    { label: 'development sets pooled (tuned on)', score: e.pooled },
    ...untouched.flatMap((s) => {
      const found = e.sets.find((x) => x.name === s.name);
      return found ? [{ label: `${s.name} (untouched)`, score: found }] : [];
    }),
  ];
}

/** Where policybot stands against each peer, computed from the run (no judgement, only figures). */
export function renderStanding(r: BenchResults): string {
  const ours = r.engines.find((e) => e.id === POLICYBOT);
  if (!ours) return '';
  const pts = (a: number, b: number): string => signed((a - b) * 100, 1, ' pts');
  return r.engines
    .filter((e) => e !== ours)
    .map((p) => {
      const theirs = comparedOn(r, p);
      const accuracy = comparedOn(r, ours)
        .map(({ label, score }, i) => {
          const o = score.report;
          const t = theirs[i]?.score.report;
          if (!t) return '';
          return (
            `${label}: in scope ${pts(o.inScope.accuracy, t.inScope.accuracy)} ` +
            `(${pct(o.inScope.accuracy)} vs ${pct(t.inScope.accuracy)}), out of scope declined ` +
            `${pts(o.outOfScope.recall, t.outOfScope.recall)} (${pct(o.outOfScope.recall)} vs ${pct(t.outOfScope.recall)}), ` +
            `out-of-scope precision ${pts(o.outOfScope.precision, t.outOfScope.precision)}, macro F1 ${signed(o.macroF1 - t.macroF1, 3)}`
          );
        })
        .filter((x) => x !== '')
        .join('; ');
      return (
        `- **vs ${p.label}**: ${accuracy}; cross-validated in scope ` +
        `${pts(ours.cv.inScope.accuracy, p.cv.inScope.accuracy)}, out of scope ${pts(ours.cv.outOfScope.recall, p.cv.outOfScope.recall)}; ` +
        `p50 ${costRatio(ours.latency.p50Us, p.latency.p50Us)}, p99 ${costRatio(ours.latency.p99Us, p.latency.p99Us)}, ` +
        `throughput ${(ours.throughputQps / p.throughputQps).toFixed(2)}× theirs; training ${costRatio(ours.trainMs, p.trainMs)}; ` +
        `engine heap ${costRatio(ours.loaded.heapUsedMB - ours.baseline.heapUsedMB, p.loaded.heapUsedMB - p.baseline.heapUsedMB, 'smaller', 'larger')}.`
      );
    })
    .join('\n');
}

/**
 * Issue 11's targets against this run's figures. Its accuracy targets are for sets nobody tuned on:
 * the final set's figures answer them; the development sets' are given beside, as fitted figures.
 */
export function renderTargets(r: BenchResults): string {
  const ours = r.engines.find((e) => e.id === POLICYBOT);
  if (!ours) return '';
  const nlpjs = r.engines.find((e) => e.id === NLPJS);
  const mark = (met: boolean): string => (met ? 'met' : '**not met**');
  const lines: string[] = [];
  const oursOn = comparedOn(r, ours);
  const nlpOn = nlpjs ? comparedOn(r, nlpjs) : [];
  const floor = (
    name: string,
    value: (s: MeasureResult['pooled']) => number | null,
    target: number,
  ): string => {
    const figures = oursOn
      .map(({ label, score }) => {
        const v = value(score);
        return v === null ? '' : `${pct(v)} on the ${label}, ${mark(v >= target)}`;
      })
      .filter((x) => x !== '');
    return `- ${name} ≥ ${pct(target)}: ${figures.join('; ')}.`;
  };
  lines.push(
    floor('In scope answered right', (s) => s.report.inScope.accuracy, 0.97),
    floor('Out of scope declined', (s) => s.report.outOfScope.recall, 0.97),
    floor('Follow-ups in context (topic and kind)', (s) => s.followUps?.accuracy ?? null, 0.95),
  );
  if (nlpjs) {
    const gains = oursOn.map(({ label, score }, i) => {
      const t = nlpOn[i]?.score.report;
      if (!t) return '';
      const inScope = (score.report.inScope.accuracy - t.inScope.accuracy) * 100;
      const outOfScope = (score.report.outOfScope.recall - t.outOfScope.recall) * 100;
      return (
        `${signed(inScope, 1)} and ${signed(outOfScope, 1)} pts on the ${label}, ` +
        `${mark(inScope >= 5 && outOfScope >= 30)}`
      );
    });
    lines.push(
      `- Over NLP.js, at least +5 pts in scope and +30 out of scope: ${gains.filter((g) => g).join('; ')}.`,
    );
    lines.push(
      `- p99 no worse than NLP.js's: ${duration(ours.latency.p99Us / 1000)} vs ${duration(nlpjs.latency.p99Us / 1000)}, ` +
        `${mark(ours.latency.p99Us <= nlpjs.latency.p99Us)}.`,
    );
  }
  if (r.cli)
    lines.push(
      `- \`policybot ask\` at most 2.5× \`node -e 0\`, model cached: ${r.cli.ratio.toFixed(1)}×, ${mark(r.cli.ratio <= 2.5)}.`,
    );
  lines.push(`- Training at most 1 s: ${duration(ours.trainMs)}, ${mark(ours.trainMs <= 1000)}.`);
  return lines.join('\n');
}
