// The report's tables: accuracy per set, cross-validation with speed and memory, the CLI as a process, and the console's view of them.
import type { FollowUpReport } from '../src/cli/commands/eval.js';
import type { EvalReport } from '../src/eval/metrics.js';
import type { CliFigures } from './cli.js';
import { duration, fraction, int, mb, pct, row, rule, signed } from './format.js';
import type { BenchResults, EngineResult } from './run-results.js';
import type { SetStatus } from './sets.js';
import type { MeasureResult } from './worker.js';

function followUpCell(f: FollowUpReport | null): string {
  return f === null ? '—' : fraction(f.correct, f.total);
}

function accuracyCells(report: EvalReport): string[] {
  const oos = report.outOfScope;
  const declined = Math.round(oos.recall * oos.total);
  return [
    fraction(report.inScope.correct, report.inScope.total),
    fraction(declined, oos.total),
    pct(oos.precision),
    report.macroF1.toFixed(3),
  ];
}

/** What a set's label says of it: the development sets were tuned on, the final one was not. */
export const setLabel = (name: string, status: SetStatus): string => `**${name}** (${status})`;
export const POOLED_LABEL = '**development sets pooled** (tuned on)';

/**
 * Accuracy per set, every engine under each set: the development sets, their pool, then the final
 * set when the run scored it. Follow-ups in context are policybot's alone (the peers have no
 * conversation model).
 */
export function renderAccuracy(r: BenchResults): string {
  const head = row([
    'Set',
    'Engine',
    'In-scope accuracy',
    'Out-of-scope recall (declined)',
    'Out-of-scope precision',
    'Macro F1',
    'Follow-ups in context',
  ]);
  const group = (
    label: string,
    scoreOf: (e: EngineResult) => MeasureResult['pooled'] | undefined,
  ): string[] =>
    r.engines.flatMap((e, i) => {
      const s = scoreOf(e);
      if (!s) return [];
      return [
        row([i === 0 ? label : '', `**${e.label}**`, ...accuracyCells(s.report), followUpCell(s.followUps)]),
      ];
    });
  const development = r.data.sets.filter((s) => s.status === 'tuned on');
  const untouched = r.data.sets.filter((s) => s.status === 'untouched');
  const bySet = (name: string) => (e: EngineResult) => e.sets.find((s) => s.name === name);
  return [
    head,
    rule(7),
    ...development.flatMap((s) => group(setLabel(s.name, s.status), bySet(s.name))),
    ...(development.length > 1 ? group(POOLED_LABEL, (e) => e.pooled) : []),
    ...untouched.flatMap((s) => group(setLabel(s.name, s.status), bySet(s.name))),
  ].join('\n');
}

/** Cross-validation on the training phrases, then speed, then memory. */
export function renderSpeed(r: BenchResults): string {
  const head = row([
    'Engine',
    `CV in-scope accuracy (${r.data.folds}-fold)`,
    'CV out-of-scope recall',
    'Training',
    'p50',
    'p99',
    'Throughput (1 core)',
    'Heap after loading (engine)',
    'RSS after loading (engine)',
  ]);
  const rows = r.engines.map((e) =>
    row([
      `**${e.label}**`,
      fraction(e.cv.inScope.correct, e.cv.inScope.total),
      fraction(e.cv.outOfScope.declined, e.cv.outOfScope.total),
      duration(e.trainMs),
      duration(e.latency.p50Us / 1000),
      duration(e.latency.p99Us / 1000),
      `${int(e.throughputQps)} q/s`,
      `${mb(e.loaded.heapUsedMB)} MB (${signed(e.loaded.heapUsedMB - e.baseline.heapUsedMB, 1)})`,
      `${mb(e.loaded.rssMB)} MB (${signed(e.loaded.rssMB - e.baseline.rssMB, 1)})`,
    ]),
  );
  return [head, rule(9), ...rows].join('\n');
}

/** What `npm run bench` prints: the tables of BENCHMARKS.md without the prose. */
export function renderConsole(r: BenchResults): string {
  const parts = [renderAccuracy(r), renderSpeed(r)];
  if (r.cli)
    parts.push(`${renderCli(r.cli)}\n\nCold start: ${r.cli.ratio.toFixed(1)}× node -e 0 (cached model).`);
  return parts.join('\n\n');
}

export function renderCli(cli: CliFigures): string {
  const rows = [cli.node, cli.cached, cli.uncached].map(
    (c) =>
      `| ${c.label} | \`${c.command}\` | ${duration(c.medianMs)} | ${duration(c.minMs)}–${duration(c.maxMs)} | ${(c.medianMs / cli.node.medianMs).toFixed(1)}× | ${mb(c.peakRssMB)} MB |`,
  );
  return [
    '| Process | Command | Median wall time | Range | × `node -e 0` | Peak RSS |',
    '| :--- | :--- | --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}
