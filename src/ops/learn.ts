import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { isSeq, parseDocument, Scalar, type YAMLMap } from 'yaml';
import type { PolicyAssistant } from '../core/index.js';
import { phraseKey } from '../core/text/lexicon.js';
import type { Normalizer } from '../core/text/normalize.js';
import { FALLBACK_ID, type IntentId } from '../knowledge/ids.js';
import { groupQuestions } from './report.js';
import type { UnansweredRecord } from './unanswered.js';

/** One thing `policybot learn` proposes: questions people asked, to add as phrases of an intent. */
export interface Proposal {
  /** Stable for the same questions and the same proposal: what --accept and --reject name. */
  readonly id: string;
  /** A phrase of a topic, or an out-of-scope example (intent `fallback`). */
  readonly action: 'add-phrase' | 'add-negative';
  readonly intent: IntentId;
  /** The wordings to add, most asked first. */
  readonly questions: readonly string[];
  readonly evidence: {
    readonly count: number;
    readonly people: number;
    /** What the records say happened: declined, answered with low confidence, marked not helpful. */
    readonly declined: number;
    readonly lowConfidence: number;
    readonly clarified: number;
    readonly notHelpful: number;
    /** The topic the knowledge base of today comes closest to, and how close. */
    readonly nearest: {
      readonly intent: IntentId;
      readonly probability: number;
      readonly similarity: number;
    } | null;
    readonly lastSeen: string;
  };
  /** Why this proposal, in words. */
  readonly why: string;
}

/** A topic this close (nearest phrase or probability) is what the question was about; further, out of scope. */
const NEAR_SIMILARITY = 0.3;
const NEAR_PROBABILITY = 0.15;

/**
 * The records that say an answer fell short: declines, near misses, questions back, "not helpful"
 * on an answer to words someone typed (a button's answer has no wording to add as a phrase).
 */
export function shortfalls(records: readonly UnansweredRecord[]): UnansweredRecord[] {
  return records.filter(
    (r) => r.reason !== 'feedback' || (r.value === 'not-helpful' && r.pressed === undefined),
  );
}

/**
 * Proposals from the curators' record: questions grouped by what they ask (as the report groups
 * them), each group proposed as phrases of the topic it comes closest to, or as out-of-scope
 * examples when it comes close to none; ranked by how many people it would help. A group the
 * knowledge base answers well now, or one a curator rejected, is not proposed.
 */
export function buildProposals(
  records: readonly UnansweredRecord[],
  normalizer: Normalizer,
  assistant: PolicyAssistant,
  rejected: Rejections,
): Proposal[] {
  const kb = assistant.knowledgeBase;
  const askable = (id: string): boolean => {
    const group = kb.topics.get(id)?.group;
    return group !== undefined && group !== 'bot' && group !== 'fallback';
  };
  const phrases = new Set(kb.examples.map((e) => phraseKey(e.text)));
  const proposals: Proposal[] = [];
  for (const bucket of groupQuestions(shortfalls(records), normalizer)) {
    const wordings = [...new Map(bucket.records.map((r) => [phraseKey(r.question), r.question])).entries()]
      .filter(([key]) => key !== '' && !phrases.has(key))
      .map(([, text]) => text);
    if (wordings.length === 0) continue;
    const notHelpful = bucket.records.filter((r) => r.reason === 'feedback');
    const example = wordings[0] as string;
    const now = assistant.answerNow(example);
    // Answered well now, and nobody said it was not: content added since; nothing to propose.
    if (notHelpful.length === 0 && now.kind === 'answer' && (now.confidence ?? 0) >= assistant.threshold)
      continue;
    // What "not helpful" was said of is not the answer to propose.
    const refused = new Set(notHelpful.map((r) => r.intent));
    const candidates = (now.trace.classification?.candidates ?? []).filter(
      (c) => askable(c.intent) && !refused.has(c.intent),
    );
    const near = candidates[0];
    const lowIntents = bucket.records
      .filter((r) => r.reason === 'low-confidence' && askable(r.intent))
      .map((r) => r.intent);
    const answeredThen = mostCommon(lowIntents.filter((i) => !refused.has(i)));
    const close =
      near !== undefined && (near.similarity >= NEAR_SIMILARITY || near.probability >= NEAR_PROBABILITY);
    const intent = answeredThen ?? (close ? near?.intent : undefined) ?? FALLBACK_ID;
    const action = intent === FALLBACK_ID ? 'add-negative' : 'add-phrase';
    const questions = wordings.filter((q) => !rejected.has(q, action, intent));
    if (questions.length === 0) continue;
    const people = new Set(bucket.records.map((r) => r.user ?? `anonymous:${r.time}`)).size;
    const count = (reason: UnansweredRecord['reason']) =>
      bucket.records.filter((r) => r.reason === reason).length;
    const title = kb.topics.get(intent)?.title ?? intent;
    proposals.push({
      id: proposalId(action, intent, questions),
      action,
      intent,
      questions,
      evidence: {
        count: bucket.records.length,
        people,
        declined: count('fallback'),
        lowConfidence: count('low-confidence'),
        clarified: count('clarify'),
        notHelpful: notHelpful.length,
        nearest:
          near === undefined
            ? null
            : { intent: near.intent, probability: near.probability, similarity: near.similarity },
        lastSeen:
          bucket.records
            .map((r) => r.time)
            .sort()
            .at(-1) ?? '',
      },
      why:
        action === 'add-negative'
          ? `no topic comes close${near ? ` (nearest ${near.intent}, similarity ${near.similarity.toFixed(2)})` : ''}: teach it to decline these`
          : answeredThen !== undefined
            ? `answered as ${intent} (“${title}”) with low confidence: teach it these are ${intent}`
            : `nearest topic ${intent} (“${title}”, similarity ${(near?.similarity ?? 0).toFixed(2)}, probability ${(near?.probability ?? 0).toFixed(2)}): teach it these are ${intent}`,
    });
  }
  return proposals.sort(
    (a, b) =>
      b.evidence.people - a.evidence.people ||
      b.evidence.count - a.evidence.count ||
      a.id.localeCompare(b.id),
  );
}

function mostCommon(values: readonly string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0];
}

function proposalId(action: string, intent: string, questions: readonly string[]): string {
  const keys = questions.map(phraseKey).sort().join('\n');
  return createHash('sha256').update(`${action}\n${intent}\n${keys}`).digest('hex').slice(0, 8);
}

/**
 * Rejected proposals, kept in the knowledge folder (`intents/.learn/rejected.json`, beside what
 * curators commit) by wording, action and intent: a wording rejected for a topic is not proposed
 * for it again, though it may be for another.
 */
export class Rejections {
  private readonly keys: Set<string>;

  constructor(
    private readonly file: string,
    private readonly entries: { question: string; action: string; intent: string; time: string }[] = [],
  ) {
    this.keys = new Set(entries.map((e) => `${e.action}\n${e.intent}\n${phraseKey(e.question)}`));
  }

  static read(root: string): Rejections {
    const file = join(root, 'intents', '.learn', 'rejected.json');
    try {
      const data = JSON.parse(readFileSync(file, 'utf8')) as { rejected?: unknown };
      const list = Array.isArray(data.rejected) ? data.rejected : [];
      return new Rejections(
        file,
        list.filter(
          (e): e is { question: string; action: string; intent: string; time: string } =>
            typeof e === 'object' && e !== null && typeof (e as { question?: unknown }).question === 'string',
        ),
      );
    } catch {
      return new Rejections(file);
    }
  }

  has(question: string, action: string, intent: string): boolean {
    return this.keys.has(`${action}\n${intent}\n${phraseKey(question)}`);
  }

  reject(proposal: Proposal, now = new Date()): void {
    for (const question of proposal.questions) {
      if (this.has(question, proposal.action, proposal.intent)) continue;
      this.entries.push({
        question,
        action: proposal.action,
        intent: proposal.intent,
        time: now.toISOString(),
      });
      this.keys.add(`${proposal.action}\n${proposal.intent}\n${phraseKey(question)}`);
    }
    mkdirSync(dirname(this.file), { recursive: true });
    writeFileSync(this.file, `${JSON.stringify({ rejected: this.entries }, null, 2)}\n`);
  }
}

/** The labelled questions of the project's evaluation sets: never added as phrases (a test forbids it). */
export function evaluationQuestions(root: string): Set<string> {
  const out = new Set<string>();
  const dir = join(root, 'tests', 'eval');
  const files = (folder: string): string[] =>
    existsSync(folder)
      ? readdirSync(folder, { withFileTypes: true }).flatMap((d) =>
          d.isDirectory()
            ? files(join(folder, d.name))
            : d.name.endsWith('.jsonl')
              ? [join(folder, d.name)]
              : [],
        )
      : [];
  for (const file of files(dir)) {
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      try {
        const q = (JSON.parse(line) as { q?: unknown }).q;
        if (typeof q === 'string') out.add(phraseKey(q));
      } catch {
        // Not a labelled line: nothing to keep apart.
      }
    }
  }
  return out;
}

export interface Written {
  readonly file: string;
  readonly intent: IntentId;
  readonly added: readonly string[];
  /** Wordings not added, and why. */
  readonly skipped: readonly { readonly question: string; readonly why: string }[];
}

/**
 * Writes accepted proposals into intents/: each wording appended to its intent's entry, in the
 * first file that has one, with a comment saying where it came from. The YAML keeps its comments
 * and order. Returns what was written, to be validated (and restored if invalid) by the caller.
 */
export function writeProposals(
  root: string,
  accepted: readonly Proposal[],
  holdOut: ReadonlySet<string>,
  now = new Date(),
): { written: Written[]; restore: () => void } {
  const dir = join(root, 'intents');
  const files = readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => join(dir, f));
  const originals = new Map<string, string>();
  const written: Written[] = [];
  for (const proposal of accepted) {
    const skipped: { question: string; why: string }[] = [];
    const questions = proposal.questions.filter((q) => {
      if (!holdOut.has(phraseKey(q))) return true;
      skipped.push({ question: q, why: 'it is a question of an evaluation set' });
      return false;
    });
    let target = files.find(
      (f) => entryOf(parseDocument(readFileSync(f, 'utf8')), proposal.intent) !== undefined,
    );
    if (target === undefined) {
      // An intent with no phrases yet: a file of its own.
      target = join(dir, `${proposal.intent.replace(/\./g, '-')}.yaml`);
      if (!existsSync(target)) writeFileSync(target, `- id: ${proposal.intent}\n  utterances: []\n`);
      files.push(target);
    }
    const before = readFileSync(target, 'utf8');
    if (!originals.has(target)) originals.set(target, before);
    const doc = parseDocument(before);
    const entry = entryOf(doc, proposal.intent) as YAMLMap;
    const utterances = entry.get('utterances', true);
    if (!isSeq(utterances))
      throw new Error(`${relative(root, target)}: ${proposal.intent} has no utterances list`);
    questions.forEach((q, i) => {
      const node = new Scalar(q);
      node.type = 'QUOTE_DOUBLE';
      if (i === 0)
        node.commentBefore = ` Added by policybot learn on ${now.toISOString().slice(0, 10)} (proposal ${proposal.id}), from the curators' record`;
      utterances.items.push(node);
    });
    writeFileSync(target, doc.toString({ lineWidth: 0 }));
    written.push({ file: relative(root, target), intent: proposal.intent, added: questions, skipped });
  }
  return {
    written,
    restore: () => {
      for (const [file, text] of originals) writeFileSync(file, text);
    },
  };
}

function entryOf(doc: ReturnType<typeof parseDocument>, intent: string): unknown {
  const contents = doc.contents;
  if (!isSeq(contents)) return undefined;
  return contents.items.find((item) => (item as YAMLMap | null)?.get?.('id') === intent);
}
