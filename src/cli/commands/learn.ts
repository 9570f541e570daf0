import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { loadCoreConfig } from '../../config/core.js';
import { ConfigError } from '../../config/errors.js';
import { loadOpsConfig } from '../../config/ops.js';
import type { PolicyAssistant } from '../../core/index.js';
import { isFollowUpFile } from '../../eval/dataset.js';
import { checkPhrases } from '../../eval/phrases.js';
import { KnowledgeBaseError } from '../../knowledge/errors.js';
import { readCuratorsRecord } from '../../ops/curators-record.js';
import {
  buildProposals,
  evaluationQuestions,
  type Proposal,
  Rejections,
  writeProposals,
} from '../../ops/learn.js';
import { parseSince } from '../../ops/report.js';
import { assistantFrom, knowledgeDir, openKnowledge } from '../../runtime/open.js';
import { type CliIO, type Command, writeLine } from '../io.js';
import { evaluate, evaluateFollowUps } from './eval.js';

export const learn = {
  name: 'learn',
  summary:
    "proposals from the curators' record: questions to add as phrases of a topic or as out-of-scope examples",
  usage:
    'policybot learn [--since 7d|all|DATE] [--file PATH] [--json] [--accept ID…] [--reject ID…]  (in a terminal with neither, a list to tick)',
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: {
        since: { type: 'string', default: '7d' },
        file: { type: 'string' },
        json: { type: 'boolean', default: false },
        accept: { type: 'boolean', default: false },
        reject: { type: 'boolean', default: false },
      },
    });
    if (values.accept && values.reject) throw new ConfigError('--accept and --reject: one at a time');
    if ((values.accept || values.reject) && positionals.length === 0)
      throw new ConfigError(`--${values.accept ? 'accept' : 'reject'}: name the proposals (their ids)`);
    let since: Date | undefined;
    try {
      since = parseSince(values.since);
    } catch (error) {
      throw new ConfigError((error as Error).message);
    }
    const read = await readCuratorsRecord(loadOpsConfig(io.env), { file: values.file, since });
    if (!read.found) {
      writeLine(io.stderr, read.why);
      return 1;
    }
    const { records, path } = read;
    const root = await knowledgeDir(io.env);
    const config = await loadCoreConfig(io.env);
    const opened = await openKnowledge(io.env, config);
    const assistant = assistantFrom(opened, config);
    const rejected = Rejections.read(root);
    const proposals = buildProposals(records, opened.model.normalizer, assistant, rejected);

    if (values.reject || values.accept) {
      const chosen = pick(proposals, positionals, io);
      if (chosen === undefined) return 2;
      if (values.reject) {
        for (const p of chosen) rejected.reject(p);
        writeLine(io.stdout, `Rejected ${chosen.map((p) => p.id).join(', ')}: not proposed again.`);
        return 0;
      }
      return accept(chosen, root, assistant, io);
    }
    if (values.json) {
      writeLine(
        io.stdout,
        JSON.stringify({ since: since?.toISOString() ?? null, file: path, proposals }, null, 2),
      );
      return 0;
    }
    if (proposals.length === 0) {
      writeLine(
        io.stdout,
        'Nothing to propose: every question in the record is answered well now, or was rejected.',
      );
      return 0;
    }
    writeLine(io.stdout, proposals.map((p, i) => formatProposal(p, i + 1, assistant)).join('\n\n'));
    if (!(io.stdin.isTTY && io.stdout.isTTY)) {
      writeLine(
        io.stdout,
        '\nAccept with: policybot learn --accept ID…   Reject with: policybot learn --reject ID…',
      );
      return 0;
    }
    // In a terminal: a list to tick.
    const rl = createInterface({ input: io.stdin, output: io.stdout });
    const answer = await rl.question(
      '\nAccept which? Numbers (1 3), rN to reject one (r2), nothing to leave them all: ',
    );
    rl.close();
    const picks = answer.split(/[\s,]+/).filter(Boolean);
    const toReject = picks.filter((p) => /^r\d+$/i.test(p)).map((p) => proposals[Number(p.slice(1)) - 1]);
    const toAccept = picks.filter((p) => /^\d+$/.test(p)).map((p) => proposals[Number(p) - 1]);
    for (const p of toReject) if (p) rejected.reject(p);
    if (toReject.length > 0) writeLine(io.stdout, `Rejected ${toReject.filter(Boolean).length}.`);
    const accepted = toAccept.filter((p): p is Proposal => p !== undefined);
    return accepted.length > 0 ? accept(accepted, root, assistant, io) : 0;
  },
} satisfies Command;

function pick(proposals: readonly Proposal[], ids: readonly string[], io: CliIO): Proposal[] | undefined {
  const byId = new Map(proposals.map((p) => [p.id, p]));
  const unknown = ids.filter((id) => !byId.has(id));
  if (unknown.length > 0) {
    writeLine(
      io.stderr,
      `No proposal ${unknown.join(', ')} (ids change when the record does: run policybot learn to see them).`,
    );
    return undefined;
  }
  return ids.map((id) => byId.get(id) as Proposal);
}

function formatProposal(p: Proposal, rank: number, assistant: PolicyAssistant): string {
  const title = assistant.knowledgeBase.topics.get(p.intent)?.title ?? p.intent;
  const what =
    p.action === 'add-negative'
      ? 'add as out-of-scope examples'
      : `add as phrases of ${p.intent} (“${title}”)`;
  const e = p.evidence;
  const asked = [
    e.declined > 0 ? `declined ${e.declined}×` : '',
    e.lowConfidence > 0 ? `low confidence ${e.lowConfidence}×` : '',
    e.clarified > 0 ? `asked back ${e.clarified}×` : '',
    e.notHelpful > 0 ? `marked not helpful ${e.notHelpful}×` : '',
  ]
    .filter(Boolean)
    .join(', ');
  const questions = p.questions.slice(0, 5).map((q) => `       “${q}”`);
  if (p.questions.length > 5) questions.push(`       and ${p.questions.length - 5} more`);
  return [
    `${String(rank).padStart(2)}. [${p.id}] ${what}`,
    `     ${e.count}× by ${e.people} ${e.people === 1 ? 'person' : 'people'} (${asked}); ${p.why}`,
    ...questions,
  ].join('\n');
}

/** The project's labelled sets (the untouched final set apart): what before and after are measured on. */
function evaluationSets(root: string): string[] {
  const out: string[] = [];
  for (const dir of [join(root, 'tests', 'eval'), join(root, 'tests', 'eval', 'blind')]) {
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir).sort())
      if (name.endsWith('.jsonl') && !name.startsWith('final')) out.push(join(dir, name));
  }
  return out;
}

function scores(assistant: PolicyAssistant, files: readonly string[]): Map<string, string> {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  return new Map(
    files.map((f) => {
      if (isFollowUpFile(f)) return [f, `follow-ups ${pct(evaluateFollowUps(assistant, f).accuracy)}`];
      const r = evaluate(assistant, f);
      return [f, `in scope ${pct(r.inScope.accuracy)}, out of scope declined ${pct(r.outOfScope.recall)}`];
    }),
  );
}

/** Writes the accepted phrases, validates as `check` does (restoring the files if invalid), and shows the evaluation before and after. */
async function accept(
  chosen: readonly Proposal[],
  root: string,
  before: PolicyAssistant,
  io: CliIO,
): Promise<number> {
  const sets = evaluationSets(root);
  const was = scores(before, sets);
  const { written, restore } = writeProposals(root, chosen, evaluationQuestions(root));
  let after: PolicyAssistant;
  try {
    const env = { ...io.env, POLICYBOT_KNOWLEDGE_DIR: root, POLICYBOT_NO_CACHE: '1' };
    const config = await loadCoreConfig(env);
    after = assistantFrom(await openKnowledge(env, config), config);
    const check = checkPhrases(after);
    if (check.misses.length > 0) {
      restore();
      writeLine(
        io.stderr,
        [
          `Not added (nothing was written): with them, ${check.misses.length} phrase${check.misses.length === 1 ? '' : 's'} would be answered otherwise:`,
          ...check.misses.map((m) => `  ${m.file}: ${m.intent}: "${m.phrase}" gets ${m.got}`),
          "Accept fewer at once to see which one does it; a proposal that pulls a topic's phrases away",
          'is usually one to reject, or to add to the other intent (docs/knowledge-base.md).',
        ].join('\n'),
      );
      return 1;
    }
  } catch (error) {
    restore();
    if (error instanceof KnowledgeBaseError) {
      writeLine(io.stderr, `Not added: the knowledge base would not load.\n${error.message}`);
      return 1;
    }
    throw error;
  }
  for (const w of written) {
    writeLine(
      io.stdout,
      `${w.file}: ${w.added.length} phrase${w.added.length === 1 ? '' : 's'} added to ${w.intent}`,
    );
    for (const s of w.skipped) writeLine(io.stdout, `  not added: “${s.question}” (${s.why})`);
  }
  const now = scores(after, sets);
  if (sets.length > 0) {
    writeLine(io.stdout, '\nEvaluation, before → after:');
    for (const f of sets)
      writeLine(io.stdout, `  ${f.slice(root.length + 1)}: ${was.get(f)} → ${now.get(f)}`);
  }
  writeLine(
    io.stdout,
    '\nThe knowledge base checks out. A running `policybot serve --watch` reloads it now.',
  );
  return 0;
}
