import type { APIEmbedField } from 'discord.js';
import { referenceParts } from '../../core/citations/cite.js';
import { creditLine, notFoundLine, shownNotes, summaryLine } from '../../core/verify/summary.js';
import { type Finding, VERDICT_LABELS, type VerifyResult } from '../../core/verify/types.js';
import { escapeUserText, neutraliseMentions } from './escape.js';
import { fitEmbed, LIMITS, truncate } from './limits.js';
import { COLOURS, type ReplyMessage } from './render.js';

/**
 * The quote checker's verdicts as an embed: the counts, then a field per quotation (its verdict
 * and words in the name, the diff with removed words struck through and added ones in bold, the
 * corrected quotation and the reference in the value). Everything quoted is the writer's text or
 * the source's, so it is escaped: nothing in it formats, links or pings.
 */
export function verifyMessage(result: VerifyResult, ephemeral: boolean): ReplyMessage {
  const fields: APIEmbedField[] = result.findings.slice(0, LIMITS.embedFields).map((f, i) => ({
    name: truncate(
      `${i + 1}. ${VERDICT_LABELS[f.verdict]}: “${neutraliseMentions(f.quote)}”`,
      LIMITS.fieldName,
    ),
    value: truncate(findingValue(f), LIMITS.fieldValue),
  }));
  const more = result.findings.length - fields.length;
  const embed = fitEmbed({
    title: 'Quote check',
    description:
      escapeUserText(summaryLine(result)) +
      (more > 0 ? ` (${more} more not shown: check a shorter text)` : ''),
    color: result.ok ? COLOURS.solution : COLOURS.threat,
    fields,
  });
  return { embeds: [embed], components: [], ephemeral };
}

function findingValue(f: Finding): string {
  if (f.verdict === 'not-found') return escapeUserText(notFoundLine(f));
  const lines: string[] = [];
  const credit = creditLine(f);
  if (credit !== null) lines.push(escapeUserText(credit));
  if (f.diff !== null) {
    const diff = f.diff
      .map((d) =>
        d.op === 'same'
          ? escapeUserText(d.text)
          : d.op === 'added'
            ? `**+${escapeUserText(d.text)}**`
            : `~~${escapeUserText(d.text)}~~`,
      )
      .join(' ');
    lines.push(`Diff: ${diff}`);
  }
  if (f.corrected !== null) lines.push(`Should read: “${escapeUserText(f.corrected)}”`);
  for (const note of shownNotes(f)) lines.push(`*${escapeUserText(note)}*`);
  if (f.reference !== null) {
    for (const part of referenceParts(f.reference))
      lines.push(`${part.label ?? 'Reference'}: ${escapeUserText(part.text)}`);
  }
  return lines.join('\n');
}
