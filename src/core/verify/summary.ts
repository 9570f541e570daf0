import type { Finding, VerifyResult } from './types.js';

/**
 * The sentences every surface shows beside a verdict, from the result's data: one wording for the
 * terminal, Slack and Discord (each sets them in its own markup).
 */
export function summaryLine(result: VerifyResult): string {
  if (result.refused !== null) return result.refused.text;
  const n = result.findings.length;
  if (n === 0) {
    const skipped = result.skipped.length;
    return `No quotation to check${skipped > 0 ? ` (${skipped} short quoted ${skipped === 1 ? 'phrase' : 'phrases'} left alone: titles and scare quotes)` : ''}.`;
  }
  const { counts } = result;
  return `${n} ${n === 1 ? 'quotation' : 'quotations'}: ${counts.exact} exact, ${counts.altered} altered, ${counts.misattributed} misattributed, ${counts['not-found']} not found`;
}

/** Whose words they are and whether the text credits them right; null when no source holds them. */
export function creditLine(f: Finding): string | null {
  const { claimed, actual, correct } = f.attribution;
  if (actual === null) return null;
  const credit =
    claimed === null ? 'credited to no one' : `credited to ${claimed.phrase}: ${correct ? 'right' : 'wrong'}`;
  return `Whose words: ${actual.name}${f.via ? ` (as 1787's page relays them)` : ''}; ${credit}`;
}

/** What a quotation no source holds gets: said plainly, without a guess. */
export function notFoundLine(f: Finding): string {
  const claimed = f.attribution.claimed;
  return `No source I hold has these words${claimed ? ` (credited to ${claimed.phrase})` : ''}.`;
}

/** The notes worth showing a reader (the relay is in the credit line already). */
export function shownNotes(f: Finding): string[] {
  return f.notes.filter((n) => n.code !== 'relayed' && n.code !== 'attribution-missing').map((n) => n.text);
}
