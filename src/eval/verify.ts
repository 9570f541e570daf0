import { z } from 'zod';
import type { Finding, Verdict, VerifyResult } from '../core/verify/types.js';
import { VERDICTS } from '../core/verify/types.js';

/**
 * A labelled corpus of memo paragraphs for the quote checker, one JSON object a line: the text, what
 * the checker must report of each quotation in it, and short quoted strings it must leave alone.
 */
export const verifyCaseSchema = z.strictObject({
  id: z.string().min(1),
  text: z.string().min(1),
  expect: z.array(
    z.strictObject({
      quote: z.string().min(1),
      verdict: z.enum(['exact', 'altered', 'misattributed', 'not-found']),
      source: z.string().nullable(),
      attributedTo: z.enum(['odni', '1787', 'other', 'none']),
    }),
  ),
  ignore: z.array(z.string()).default([]),
});

export type VerifyCase = z.infer<typeof verifyCaseSchema>;

export function parseVerifyCorpus(jsonl: string, file = 'corpus'): VerifyCase[] {
  return jsonl
    .split('\n')
    .map((line, i) => ({ line: line.trim(), n: i + 1 }))
    .filter(({ line }) => line !== '')
    .map(({ line, n }) => {
      const parsed = verifyCaseSchema.safeParse(JSON.parse(line));
      if (!parsed.success)
        throw new Error(
          `${file}:${n}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
        );
      return parsed.data;
    });
}

export interface VerifyMiss {
  readonly id: string;
  readonly quote: string;
  readonly expected: string;
  readonly got: string;
}

export interface VerifyScore {
  /** Per expected verdict: quotations given it (right) or not (wrong). */
  readonly byVerdict: Readonly<Record<Verdict, { right: number; wrong: number }>>;
  readonly right: number;
  readonly total: number;
  readonly accuracy: number;
  /** Altered or misattributed quotations reported as exact: the slip a checker must never make. */
  readonly passedAsExact: number;
  /** Quotations credited to the author the labels say (among those right). */
  readonly attributionRight: number;
  /** Findings on strings the labels say must not be checked, or on no labelled quotation at all. */
  readonly falseAlarms: number;
  readonly misses: readonly VerifyMiss[];
}

const AUTHOR_OF: Readonly<Record<string, string>> = {
  odni: 'odni-ata-2024',
  '1787': '1787-transnational-crime',
};

/** Scores the checker's results (one per case, in order) against the labels. */
export function scoreVerify(cases: readonly VerifyCase[], results: readonly VerifyResult[]): VerifyScore {
  const byVerdict = Object.fromEntries(VERDICTS.map((v) => [v, { right: 0, wrong: 0 }])) as Record<
    Verdict,
    { right: number; wrong: number }
  >;
  const misses: VerifyMiss[] = [];
  let passedAsExact = 0;
  let attributionRight = 0;
  let falseAlarms = 0;
  cases.forEach((c, i) => {
    const findings = [...(results[i]?.findings ?? [])];
    const used = new Set<Finding>();
    for (const e of c.expect) {
      const finding = findingFor(c.text, e.quote, findings, used);
      if (finding) used.add(finding);
      const verdictRight = finding?.verdict === e.verdict;
      const sourceRight = e.source === null || e.verdict === 'not-found' || finding?.sourceId === e.source;
      const right = verdictRight && sourceRight;
      byVerdict[e.verdict][right ? 'right' : 'wrong']++;
      if (finding?.verdict === 'exact' && (e.verdict === 'altered' || e.verdict === 'misattributed'))
        passedAsExact++;
      if (right) {
        const claimed = finding?.attribution.claimed;
        const expected = e.attributedTo === 'none' ? null : (AUTHOR_OF[e.attributedTo] ?? 'other');
        const got =
          claimed == null
            ? null
            : claimed.sourceId === null
              ? 'other'
              : claimed.sourceId in invert()
                ? claimed.sourceId
                : 'other';
        if (expected === got) attributionRight++;
      } else {
        misses.push({
          id: c.id,
          quote: e.quote,
          expected: `${e.verdict}${e.source ? ` (${e.source})` : ''}`,
          got:
            finding === undefined
              ? 'nothing found'
              : `${finding.verdict}${finding.sourceId ? ` (${finding.sourceId})` : ''}`,
        });
      }
    }
    for (const f of findings) {
      if (used.has(f)) continue;
      falseAlarms++;
      const ignored = c.ignore.some((s) => norm(s) === norm(f.quote));
      misses.push({
        id: c.id,
        quote: f.quote,
        expected: ignored ? 'ignored' : 'no quotation',
        got: f.verdict,
      });
    }
  });
  const right = VERDICTS.reduce((sum, v) => sum + byVerdict[v].right, 0);
  const total = VERDICTS.reduce((sum, v) => sum + byVerdict[v].right + byVerdict[v].wrong, 0);
  return {
    byVerdict,
    right,
    total,
    accuracy: total === 0 ? 0 : right / total,
    passedAsExact,
    attributionRight,
    falseAlarms,
    misses,
  };
}

function invert(): Record<string, string> {
  return Object.fromEntries(Object.entries(AUTHOR_OF).map(([k, v]) => [v, k]));
}

function norm(s: string): string {
  return s
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201C\u201D]/g, '"')
    .replace(/\s+/g, ' ')
    .replace(/^[\s"'.,;:]+|[\s"'.,;:]+$/g, '')
    .toLowerCase();
}

/** The finding for a labelled quotation: the same words, or the one that overlaps where they stand. */
function findingFor(text: string, quote: string, findings: readonly Finding[], used: ReadonlySet<Finding>) {
  const free = findings.filter((f) => !used.has(f));
  const same = free.find((f) => norm(f.quote) === norm(quote));
  if (same) return same;
  const at = text.indexOf(quote);
  if (at < 0)
    return free.find((f) => norm(f.quote).includes(norm(quote)) || norm(quote).includes(norm(f.quote)));
  return free.find((f) => f.start < at + quote.length && f.end > at);
}
