import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { PolicyAssistant } from '../../core/index.js';
import { isFollowUpFile, type LabelledFollowUp, readFollowUps, readLabelled } from '../../eval/dataset.js';
import {
  evaluateConversations,
  formatConversationReport,
  isConversationFile,
  readConversations,
} from '../../eval/conversations.js';
import { type EvalReport, score } from '../../eval/metrics.js';
import { openAssistant } from '../../runtime/open.js';
import { type Command, writeLine } from '../io.js';

function knownIds(assistant: PolicyAssistant): ReadonlySet<string> {
  return new Set(assistant.knowledgeBase.topics.keys());
}

export function evaluate(assistant: PolicyAssistant, file: string): EvalReport {
  // Each question stands alone: no conversation carries over between labelled questions.
  return score(
    readLabelled(file, knownIds(assistant)).map((item) => {
      const answer = assistant.answerNow(item.q);
      return { item, predicted: answer.intent, confidence: answer.confidence };
    }),
  );
}

export interface FollowUpReport {
  readonly total: number;
  readonly correct: number;
  readonly accuracy: number;
  readonly misses: readonly {
    readonly context: readonly string[];
    readonly q: string;
    readonly ok: readonly string[];
    readonly followUp: readonly (string | null)[];
    readonly predicted: string;
    readonly predictedFollowUp: string | null;
  }[];
}

/** Follow-ups in context: each conversation asked in order, the last question scored on topic and kind. */
export function evaluateFollowUps(assistant: PolicyAssistant, file: string): FollowUpReport {
  const items: LabelledFollowUp[] = readFollowUps(file, knownIds(assistant));
  const misses: FollowUpReport['misses'][number][] = [];
  let correct = 0;
  for (const item of items) {
    let previous: string | undefined;
    for (const question of item.context) previous = assistant.answerNow(question, previous).topic ?? previous;
    const answer = assistant.answerNow(item.q, previous);
    if (item.ok.includes(answer.intent) && item.followUp.includes(answer.followUp)) correct++;
    else
      misses.push({
        context: item.context,
        q: item.q,
        ok: item.ok,
        followUp: item.followUp,
        predicted: answer.intent,
        predictedFollowUp: answer.followUp,
      });
  }
  return { total: items.length, correct, accuracy: items.length === 0 ? 0 : correct / items.length, misses };
}

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

/** "0.95", "95%" or "95" (a whole percentage) as a fraction; undefined when it is none of these. */
export function parseFloor(text: string): number | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(%?)\s*$/.exec(text);
  if (!match) return undefined;
  const value = Number(match[1]);
  const fraction = match[2] === '%' || value > 1 ? value / 100 : value;
  return fraction <= 1 ? fraction : undefined;
}

export const evalCommand = {
  name: 'eval',
  summary:
    'score the assistant on a labelled JSONL file: questions ({"q", "ok"}), follow-ups in context ({"context", "q", "ok", "followUp"}) or whole conversations ({"conversation": [{"q", "ok", "followUp"}, …]}: later turns and whole conversations scored)',
  usage:
    'policybot eval FILE [--json] [--min-accuracy 0.95] [--min-oos-recall 0.95] [--min-oos-precision 0.9]',
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: {
        json: { type: 'boolean', default: false },
        'min-accuracy': { type: 'string' },
        'min-oos-recall': { type: 'string' },
        'min-oos-precision': { type: 'string' },
      },
    });
    const file = positionals[0];
    if (!file) {
      writeLine(io.stderr, `usage: ${evalCommand.usage}`);
      return 2;
    }
    // A floor that does not parse must not pass silently: a CI gate with a typo would never fail.
    const parsed: [string, number | undefined][] = (
      ['min-accuracy', 'min-oos-recall', 'min-oos-precision'] as const
    ).map((name) => [name, values[name] === undefined ? undefined : parseFloor(values[name])]);
    const bad = parsed.find(
      ([name, value]) => values[name as keyof typeof values] !== undefined && value === undefined,
    );
    if (bad) {
      writeLine(io.stderr, `--${bad[0]} must be a fraction from 0 to 1 (0.95) or a percentage (95%).`);
      return 2;
    }
    if (!existsSync(file)) {
      writeLine(io.stderr, `No such file: ${file}`);
      return 2;
    }
    const assistant = await openAssistant(io.env);
    if (isConversationFile(file)) {
      const report = await evaluateConversations(assistant, readConversations(file, knownIds(assistant)));
      if (values.json) writeLine(io.stdout, JSON.stringify(report, null, 2));
      else writeLine(io.stdout, formatConversationReport(report));
      const floor = parsed[0]?.[1];
      if (floor !== undefined && report.laterTurns.accuracy < floor) {
        writeLine(
          io.stderr,
          `later-turn accuracy ${pct(report.laterTurns.accuracy)} is under the floor ${pct(floor)}`,
        );
        return 1;
      }
      return 0;
    }
    if (isFollowUpFile(file)) {
      const report = evaluateFollowUps(assistant, file);
      if (values.json) writeLine(io.stdout, JSON.stringify(report, null, 2));
      else writeLine(io.stdout, formatFollowUpReport(report));
      const floor = parsed[0]?.[1];
      if (floor !== undefined && report.accuracy < floor) {
        writeLine(io.stderr, `follow-up accuracy ${pct(report.accuracy)} is under the floor ${pct(floor)}`);
        return 1;
      }
      return 0;
    }
    const report = evaluate(assistant, file);
    if (values.json) writeLine(io.stdout, JSON.stringify(report, null, 2));
    else writeLine(io.stdout, formatReport(report));
    const floors: [number | undefined, number, string][] = [
      [parsed[0]?.[1], report.inScope.accuracy, 'in-scope accuracy'],
      [parsed[1]?.[1], report.outOfScope.recall, 'out-of-scope recall'],
      [parsed[2]?.[1], report.outOfScope.precision, 'out-of-scope precision'],
    ];
    let failed = false;
    for (const [floor, value, name] of floors) {
      if (floor !== undefined && value < floor) {
        writeLine(io.stderr, `${name} ${pct(value)} is under the floor ${pct(floor)}`);
        failed = true;
      }
    }
    return failed ? 1 : 0;
  },
} satisfies Command;

export function formatFollowUpReport(r: FollowUpReport): string {
  const lines = [`Follow-ups in context: ${pct(r.accuracy)} (${r.correct}/${r.total}) right topic and kind`];
  if (r.misses.length > 0) {
    lines.push('', 'Misses:');
    for (const m of r.misses)
      lines.push(
        `  ${m.context.map((c) => JSON.stringify(c)).join(' › ')} › ${JSON.stringify(m.q)}  expected ${m.ok.join('|')} ${m.followUp.join('|')}, got ${m.predicted} ${m.predictedFollowUp}`,
      );
  }
  return lines.join('\n');
}

export function formatReport(r: EvalReport): string {
  const lines = [
    `Questions: ${r.total} (${r.inScope.total} in scope, ${r.outOfScope.total} out of scope)`,
    `In-scope accuracy:       ${pct(r.inScope.accuracy)} (${r.inScope.correct}/${r.inScope.total})`,
    `Out-of-scope recall:     ${pct(r.outOfScope.recall)} (declined when it should)`,
    `Out-of-scope precision:  ${pct(r.outOfScope.precision)} (declines that were right)`,
    `Overall accuracy:        ${pct(r.overallAccuracy)}   macro F1: ${r.macroF1.toFixed(3)}`,
    '',
    'Per intent (precision / recall / F1, support):',
    ...r.perIntent.map(
      (s) =>
        `  ${s.intent.padEnd(22)} ${pct(s.precision).padStart(6)} ${pct(s.recall).padStart(6)} ${s.f1.toFixed(2)}  ${s.support}`,
    ),
  ];
  if (r.confusions.length > 0) {
    lines.push('', 'Most confused (expected -> answered):');
    for (const c of r.confusions.slice(0, 10)) lines.push(`  ${c.count} × ${c.expected} -> ${c.predicted}`);
  }
  if (r.misses.length > 0) {
    lines.push('', 'Misses:');
    for (const m of r.misses)
      lines.push(
        `  ${JSON.stringify(m.q)}  expected ${m.ok.join('|')}, got ${m.predicted} (${m.confidence === null ? 'n/a' : m.confidence.toFixed(2)})`,
      );
  }
  return lines.join('\n');
}
