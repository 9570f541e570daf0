import { referenceParts } from '../core/citations/cite.js';
import { creditLine, notFoundLine, shownNotes, summaryLine } from '../core/verify/summary.js';
import { type Finding, VERDICT_LABELS, type VerifyResult } from '../core/verify/types.js';
import type { Style } from './render.js';

/** The checker's verdicts for a terminal: what the CLI's `verify` and the chat print. */
export function renderVerify(result: VerifyResult, style: Style): string {
  if (result.refused !== null || result.findings.length === 0) return summaryLine(result);
  return [
    style.bold(summaryLine(result)),
    ...result.findings.map((f, i) => renderFinding(f, i + 1, style)),
  ].join('\n\n');
}

function renderFinding(f: Finding, n: number, style: Style): string {
  const lines = [`${n}. ${style.bold(VERDICT_LABELS[f.verdict].toUpperCase())}  “${f.quote}”`];
  if (f.verdict === 'not-found') return [...lines, `   ${notFoundLine(f)}`].join('\n');
  const credit = creditLine(f);
  if (credit !== null) lines.push(`   ${credit}`);
  if (f.diff !== null) lines.push(`   Diff: ${renderDiff(f.diff, style)}`);
  if (f.corrected !== null) lines.push(`   Should read: “${f.corrected}”`);
  for (const note of shownNotes(f)) lines.push(`   ${style.dim(note)}`);
  if (f.reference !== null) {
    for (const part of referenceParts(f.reference))
      lines.push(`   ${part.label === undefined ? 'Reference' : part.label}: ${part.text}`);
  }
  return lines.join('\n');
}

/** Words only in the quotation in {+…+}, words only in the source in [-…-] (wdiff's marks). */
export function renderDiff(diff: NonNullable<Finding['diff']>, style: Style): string {
  return diff
    .map((d) =>
      d.op === 'same' ? d.text : d.op === 'added' ? style.bold(`{+${d.text}+}`) : style.dim(`[-${d.text}-]`),
    )
    .join(' ');
}
