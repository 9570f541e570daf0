import type { PolicyAssistant } from '../core/index.js';
import type { Normalizer } from '../core/text/normalize.js';
import type { UnansweredRecord } from './unanswered.js';

/** Questions that share at least this share of their terms are taken for the same question. */
export const SIMILARITY = 0.5;

export interface ReportGroup {
  readonly count: number;
  /** Distinct askers (by pseudonym); records without one count as one each. */
  readonly people: number;
  /** The most asked wording (the earliest among equals). */
  readonly example: string;
  /** Every wording, most asked first. */
  readonly questions: readonly { readonly text: string; readonly count: number }[];
  /** The topic the knowledge base serving now comes closest to. */
  readonly nearest: { readonly intent: string; readonly title: string; readonly score: number } | null;
  /** When the knowledge base serving now answers the example: that topic. */
  readonly answeredNow: string | null;
  /** The same answer with its confidence, to set beside what the record says happened then. */
  readonly now: { readonly intent: string; readonly confidence: number } | null;
  /**
   * What the records say happened when the questions were asked: how many were declined, how many
   * answered with low confidence, and by which topics (most frequent first).
   */
  readonly asked: {
    readonly declined: number;
    readonly lowConfidence: number;
    readonly answeredBy: readonly string[];
  };
  readonly lastSeen: string;
}

interface Bucket {
  readonly terms: ReadonlySet<string>;
  readonly records: UnansweredRecord[];
}

function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let shared = 0;
  for (const t of a) if (b.has(t)) shared++;
  return shared / (a.size + b.size - shared);
}

/**
 * Groups questions by what they ask, with the core's own normalizer: typos corrected, synonyms
 * folded, stop words dropped, stems. Two questions go together when their terms overlap by
 * SIMILARITY or more (Jaccard) with the group's first, most asked, wording. Greedy and in a fixed
 * order (most asked first, then alphabetical), so the same log always gives the same report.
 */
export function groupQuestions(records: readonly UnansweredRecord[], normalizer: Normalizer): Bucket[] {
  const byKey = new Map<string, { terms: Set<string>; records: UnansweredRecord[] }>();
  for (const record of records) {
    const normalized = normalizer.normalize(record.question);
    const terms = new Set(normalized.terms.length > 0 ? normalized.terms : normalized.words);
    const key = [...terms].sort().join(' ');
    const entry = byKey.get(key) ?? { terms, records: [] };
    entry.records.push(record);
    byKey.set(key, entry);
  }
  const ordered = [...byKey.entries()].sort(
    ([ka, a], [kb, b]) => b.records.length - a.records.length || ka.localeCompare(kb),
  );
  const buckets: Bucket[] = [];
  for (const [, entry] of ordered) {
    const home = buckets.find((b) => jaccard(b.terms, entry.terms) >= SIMILARITY);
    if (home) home.records.push(...entry.records);
    else buckets.push({ terms: entry.terms, records: [...entry.records] });
  }
  return buckets;
}

/** The report: groups, most asked first, each with its nearest topic in the knowledge base of today. */
export function buildReport(
  records: readonly UnansweredRecord[],
  normalizer: Normalizer,
  assistant: PolicyAssistant,
): ReportGroup[] {
  const groups = groupQuestions(records, normalizer).map((bucket): ReportGroup => {
    const wordings = new Map<string, { count: number; first: string }>();
    for (const r of bucket.records) {
      const seen = wordings.get(r.question);
      if (seen) seen.count++;
      else wordings.set(r.question, { count: 1, first: r.time });
    }
    const questions = [...wordings.entries()]
      .sort(([ta, a], [tb, b]) => b.count - a.count || a.first.localeCompare(b.first) || ta.localeCompare(tb))
      .map(([text, { count }]) => ({ text, count }));
    const example = questions[0]?.text ?? '';
    const answer = assistant.answerNow(example);
    const near = answer.trace.classification?.candidates.find((c) => {
      const group = assistant.knowledgeBase.topics.get(c.intent)?.group;
      return group !== undefined && group !== 'bot' && group !== 'fallback';
    });
    const anonymous = bucket.records.filter((r) => r.user === undefined).length;
    const answeredNow = answer.kind === 'answer' && answer.topic !== null;
    return {
      count: bucket.records.length,
      people: new Set(bucket.records.flatMap((r) => (r.user === undefined ? [] : [r.user]))).size + anonymous,
      example,
      questions,
      nearest:
        near === undefined
          ? null
          : {
              intent: near.intent,
              title: assistant.knowledgeBase.topics.get(near.intent)?.title ?? near.intent,
              score: Math.round(near.similarity * 1000) / 1000,
            },
      answeredNow: answeredNow ? answer.intent : null,
      now: answeredNow
        ? { intent: answer.intent, confidence: Math.round((answer.confidence ?? 0) * 1000) / 1000 }
        : null,
      asked: history(bucket.records),
      // ISO times sort as text.
      lastSeen:
        bucket.records
          .map((r) => r.time)
          .sort()
          .at(-1) ?? '',
    };
  });
  return groups.sort(
    (a, b) => b.count - a.count || b.lastSeen.localeCompare(a.lastSeen) || a.example.localeCompare(b.example),
  );
}

function history(records: readonly UnansweredRecord[]): ReportGroup['asked'] {
  const low = records.filter((r) => r.reason === 'low-confidence');
  const byIntent = new Map<string, number>();
  for (const r of low) byIntent.set(r.intent, (byIntent.get(r.intent) ?? 0) + 1);
  return {
    declined: records.length - low.length,
    lowConfidence: low.length,
    answeredBy: [...byIntent.entries()].sort(([a, x], [b, y]) => y - x || a.localeCompare(b)).map(([i]) => i),
  };
}

/** "7d", "12h", "30m", "2w", or a date: the start of the period. */
export function parseSince(text: string, now = Date.now()): Date | undefined {
  if (text === 'all') return undefined;
  const relative = /^(\d+)\s*([mhdw])$/i.exec(text.trim());
  if (relative) {
    const unit = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 }[
      (relative[2] ?? 'd').toLowerCase() as 'm' | 'h' | 'd' | 'w'
    ];
    return new Date(now - Number(relative[1]) * unit);
  }
  const date = Date.parse(text);
  if (Number.isNaN(date))
    throw new RangeError(`--since: "${text}" is not a period (7d, 12h, 2w), a date or "all"`);
  return new Date(date);
}
