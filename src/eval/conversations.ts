import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { PolicyAssistant } from '../core/index.js';
import { FOLLOW_UP_KINDS, type FollowUpKind, type IntentId } from '../knowledge/ids.js';
import { readJsonLines, unknownIntents } from './dataset.js';

/** One turn of a labelled conversation: the question, every acceptable intent and follow-up kind. */
export interface LabelledTurn {
  readonly q: string;
  /** ["fallback"] for a turn that must be declined. */
  readonly ok: readonly IntentId[];
  /** Every acceptable follow-up kind (null: the topic's own answer); [null] when not given. */
  readonly followUp: readonly (FollowUpKind | null)[];
}

export interface LabelledConversation {
  readonly turns: readonly LabelledTurn[];
  readonly line: number;
}

const turnSchema = z.strictObject({
  q: z.string().min(1, 'must not be empty'),
  ok: z.array(z.string()).min(1, 'needs at least one intent'),
  followUp: z
    .array(z.union([z.enum(FOLLOW_UP_KINDS), z.null()]))
    .min(1, 'needs at least one follow-up kind (null for none)')
    .default([null]),
});

const conversationSchema = z.strictObject({
  conversation: z.array(turnSchema).min(2, 'needs at least two turns'),
});

/** Reads `{"conversation": [{"q", "ok", "followUp"}, …]}` lines, failing with the line and field of any bad entry. */
export function readConversations(file: string, known?: ReadonlySet<string>): LabelledConversation[] {
  return readJsonLines(file, conversationSchema, (data, line) => ({
    item: { turns: data.conversation, line },
    problems: unknownIntents(
      data.conversation.flatMap((t) => t.ok),
      known,
    ),
  }));
}

/** Whether a file holds whole conversations (its first entry has a `conversation`). */
export function isConversationFile(file: string): boolean {
  const first = readFileSync(file, 'utf8')
    .split('\n')
    .find((l) => l.trim() !== '' && !l.trimStart().startsWith('//'));
  try {
    return first !== undefined && 'conversation' in (JSON.parse(first) as object);
  } catch {
    return false;
  }
}

export interface ConversationReport {
  readonly conversations: { readonly total: number; readonly correct: number; readonly accuracy: number };
  /** Every turn after the first. */
  readonly laterTurns: { readonly total: number; readonly correct: number; readonly accuracy: number };
  readonly firstTurns: { readonly total: number; readonly correct: number; readonly accuracy: number };
  readonly misses: readonly {
    readonly line: number;
    readonly turn: number;
    readonly before: readonly string[];
    readonly q: string;
    readonly ok: readonly string[];
    readonly followUp: readonly (string | null)[];
    readonly predicted: string;
    readonly predictedFollowUp: string | null;
  }[];
}

const share = (correct: number, total: number) => ({
  total,
  correct,
  accuracy: total === 0 ? 0 : correct / total,
});

/**
 * Each conversation asked turn by turn through the port, in a conversation of its own (so its
 * memory, and how it fades, is the one a person meets); a turn is right when both its intent and
 * its follow-up kind are acceptable, a conversation when every turn is.
 */
export async function evaluateConversations(
  assistant: PolicyAssistant,
  conversations: readonly LabelledConversation[],
): Promise<ConversationReport> {
  let whole = 0;
  let later = 0;
  let laterTotal = 0;
  let first = 0;
  const misses: ConversationReport['misses'][number][] = [];
  for (const [n, c] of conversations.entries()) {
    const id = `eval-${n}-${c.line}`;
    let allRight = true;
    for (const [i, turn] of c.turns.entries()) {
      const answer = await assistant.ask(turn.q, { conversationId: id, platform: 'eval' });
      const right = turn.ok.includes(answer.intent) && turn.followUp.includes(answer.followUp);
      if (i === 0) first += right ? 1 : 0;
      else {
        laterTotal++;
        later += right ? 1 : 0;
      }
      if (!right) {
        allRight = false;
        misses.push({
          line: c.line,
          turn: i + 1,
          before: c.turns.slice(0, i).map((t) => t.q),
          q: turn.q,
          ok: turn.ok,
          followUp: turn.followUp,
          predicted: answer.intent,
          predictedFollowUp: answer.followUp,
        });
      }
    }
    whole += allRight ? 1 : 0;
  }
  return {
    conversations: share(whole, conversations.length),
    laterTurns: share(later, laterTotal),
    firstTurns: share(first, conversations.length),
    misses,
  };
}

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

export function formatConversationReport(r: ConversationReport): string {
  const lines = [
    `Whole conversations: ${pct(r.conversations.accuracy)} (${r.conversations.correct}/${r.conversations.total}) every turn right`,
    `Later turns:         ${pct(r.laterTurns.accuracy)} (${r.laterTurns.correct}/${r.laterTurns.total}) right topic and kind`,
    `First turns:         ${pct(r.firstTurns.accuracy)} (${r.firstTurns.correct}/${r.firstTurns.total})`,
  ];
  if (r.misses.length > 0) {
    lines.push('', 'Misses:');
    for (const m of r.misses)
      lines.push(
        `  line ${m.line}, turn ${m.turn}: ${[...m.before, m.q].map((q) => JSON.stringify(q)).join(' › ')}  expected ${m.ok.join('|')} ${m.followUp.join('|')}, got ${m.predicted} ${m.predictedFollowUp}`,
      );
  }
  return lines.join('\n');
}
