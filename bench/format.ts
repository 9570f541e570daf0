// How the report writes a figure: percentages, counts, megabytes, durations, signed differences, ratios and table rows.

export const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
export const int = (x: number): string => Math.round(x).toLocaleString('en-US');
export const mb = (x: number): string => x.toFixed(1);

/** A duration given in milliseconds, in the unit that reads best. */
export function duration(ms: number): string {
  if (ms < 1) return `${(ms * 1000).toFixed(ms < 0.1 ? 1 : 0)} µs`;
  if (ms < 10) return `${ms.toFixed(2)} ms`;
  if (ms < 1000) return `${ms.toFixed(0)} ms`;
  return `${(ms / 1000).toFixed(1)} s`;
}

export function signed(x: number, digits: number, suffix = ''): string {
  const s = x.toFixed(digits);
  return `${x >= 0 ? '+' : '−'}${s.replace('-', '')}${suffix}`;
}

/** "2.3× faster" / "1.4× slower" for a cost where lower is better (time, memory). */
export function costRatio(ours: number, theirs: number, better = 'faster', worse = 'slower'): string {
  if (ours <= 0 || theirs <= 0) return 'n/a';
  const r = theirs / ours;
  if (Math.abs(r - 1) < 0.05) return 'about the same';
  return r > 1
    ? `${r.toFixed(r >= 10 ? 0 : 1)}× ${better}`
    : `${(1 / r).toFixed(1 / r >= 10 ? 0 : 1)}× ${worse}`;
}

export const fraction = (correct: number, total: number): string =>
  `${pct(total === 0 ? 0 : correct / total)} (${correct}/${total})`;

export const row = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
export const rule = (columns: number): string => `| :--- |${' --- |'.repeat(columns - 1)}`;
