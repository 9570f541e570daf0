import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import type { Explanation } from '../../core/assistant.js';
import type { Answer, PolicyAssistant } from '../../core/index.js';
import { knowledgeDir, openAssistant } from '../../runtime/open.js';
import { type Command, terminalWidth, useColour, writeLine } from '../io.js';
import { COLOUR, PLAIN, renderAnswer, type Style, wrap } from '../render.js';
import { CliSession } from '../session.js';

export const ask = {
  name: 'ask',
  summary: 'answer one question, or one per line of standard input',
  usage:
    'policybot ask ["question"] [--json] [--explain] [--session NAME]  (a named session keeps its topic across calls for 10 idle minutes)',
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: {
        json: { type: 'boolean', default: false },
        explain: { type: 'boolean', default: false },
        session: { type: 'string' },
      },
    });
    const assistant = await openAssistant(io.env);
    const style = useColour(io) ? COLOUR : PLAIN;
    const session =
      values.session === undefined
        ? undefined
        : new CliSession(values.session, await knowledgeDir(io.env), io.env);
    // The session's topic from an earlier call carries into this call's first question.
    let carried = session?.load();
    const answerOne = (question: string, conversationId: string | undefined): void => {
      const context = {
        platform: 'cli',
        ...(conversationId === undefined ? {} : { conversationId }),
        ...(carried === undefined ? {} : { topic: carried }),
      };
      carried = undefined;
      const { answer, explanation } = assistant.explain(question, context);
      if (session && answer.topic !== null) session.save(answer.topic);
      if (values.json) {
        writeLine(
          io.stdout,
          JSON.stringify({
            question,
            ...answer,
            ...(values.explain ? { explanation: explainJson(explanation) } : {}),
          }),
        );
      } else {
        writeLine(io.stdout, wrap(renderAnswer(answer, style), terminalWidth(io)));
        if (values.explain) writeLine(io.stdout, `\n${renderExplanation(answer, explanation, style)}`);
        writeLine(io.stdout);
      }
    };
    if (positionals.length > 0) {
      answerOne(positionals.join(' '), values.session);
      return 0;
    }
    // One question a line; lines stand alone unless --session ties them into one conversation.
    let line = 0;
    for await (const question of createInterface({ input: io.stdin, crlfDelay: Number.POSITIVE_INFINITY })) {
      line += 1;
      if (question.trim() === '') continue;
      answerOne(question, values.session ?? undefined);
    }
    if (line === 0 && !values.json) writeLine(io.stderr, `usage: ${ask.usage}`);
    return 0;
  },
} satisfies Command;

export function explainJson(e: Explanation): object {
  return {
    terms: e.normalized.terms,
    corrections: e.normalized.corrections,
    synonyms: e.normalized.synonyms,
    unknown: e.unknown,
    followUp: e.followUp,
    confidence: round(e.confidence),
    threshold: e.threshold,
    candidates: e.candidates.slice(0, 5).map((c) => ({
      intent: c.intent,
      score: round(c.score),
      nearest: c.nearest,
      evidence: c.evidence.map((t) => ({ term: t.term, weight: round(t.weight) })),
    })),
  };
}

export function renderExplanation(answer: Answer, e: Explanation, style: Style): string {
  const lines = [style.bold('Why this answer')];
  lines.push(`  terms: ${e.normalized.terms.join(' ') || '(none)'}`);
  if (e.normalized.corrections.length > 0) lines.push(`  spelling: ${e.normalized.corrections.join(', ')}`);
  if (e.normalized.synonyms.length > 0) lines.push(`  synonyms: ${e.normalized.synonyms.join(', ')}`);
  if (e.unknown.length > 0) lines.push(`  unknown to the knowledge base: ${e.unknown.join(' ')}`);
  if (e.followUp) lines.push(`  follow-up: ${e.followUp}`);
  lines.push(`  answer: ${answer.intent} (confidence ${round(answer.confidence)}, threshold ${e.threshold})`);
  for (const c of e.candidates.slice(0, 5)) {
    const evidence = c.evidence.map((t) => `${t.term} ${round(t.weight)}`).join(', ');
    lines.push(
      `  ${c.intent.padEnd(22)} ${round(c.score).toFixed(2)}  ${style.dim(`“${c.nearest}”`)}  ${evidence}`,
    );
  }
  return lines.join('\n');
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}

export type { PolicyAssistant };
