import { referenceParts } from '../../core/citations/cite.js';
import { creditLine, notFoundLine, shownNotes, summaryLine } from '../../core/verify/summary.js';
import { type Finding, VERDICT_LABELS, type VerifyResult } from '../../core/verify/types.js';
import { escapeText, truncate } from './mrkdwn.js';
import { type Block, header, LIMITS, type SlackMessage } from './render.js';

/**
 * The quote checker's verdicts as Slack blocks: a header with the counts, then one section per
 * quotation (its verdict in bold, the diff with removed words struck through and added ones in
 * bold, the corrected quotation, the reference as a writer pastes it).
 */
export function renderVerification(result: VerifyResult): SlackMessage {
  const summary = summaryLine(result);
  const blocks: Block[] = [header('Quote check')];
  blocks.push({
    type: 'section',
    text: { type: 'mrkdwn', text: truncate(escapeText(summary), LIMITS.sectionText) },
  });
  result.findings.forEach((f, i) => {
    // Room is kept for a last line saying how many more there are.
    if (blocks.length >= LIMITS.blocks - 1) return;
    blocks.push({
      type: 'section',
      text: { type: 'mrkdwn', text: truncate(findingText(f, i + 1), LIMITS.sectionText) },
    });
  });
  const shown = blocks.length - 2;
  if (shown < result.findings.length) {
    blocks.push({
      type: 'context',
      elements: [
        { type: 'mrkdwn', text: `${result.findings.length - shown} more not shown: check a shorter text.` },
      ],
    });
  }
  return { text: truncate(`Quote check: ${escapeText(summary)}`, LIMITS.notificationText), blocks };
}

function findingText(f: Finding, n: number): string {
  const lines = [`*${n}. ${VERDICT_LABELS[f.verdict]}* “${escapeText(f.quote)}”`];
  if (f.verdict === 'not-found') return [...lines, escapeText(notFoundLine(f))].join('\n');
  const credit = creditLine(f);
  if (credit !== null) lines.push(escapeText(credit));
  if (f.diff !== null) {
    const diff = f.diff
      .map((d) =>
        d.op === 'same'
          ? escapeText(d.text)
          : d.op === 'added'
            ? `*+${escapeText(d.text)}*`
            : `~${escapeText(d.text)}~`,
      )
      .join(' ');
    lines.push(`Diff: ${diff}`);
  }
  if (f.corrected !== null) lines.push(`Should read: “${escapeText(f.corrected)}”`);
  for (const note of shownNotes(f)) lines.push(`_${escapeText(note)}_`);
  if (f.reference !== null) {
    for (const part of referenceParts(f.reference))
      lines.push(
        `${part.label === undefined ? 'Reference' : escapeText(part.label)}: ${escapeText(part.text)}`,
      );
  }
  return lines.join('\n');
}
