import type { Answer } from '../core/index.js';
import type { Style } from './render.js';

const round = (n: number): number => Math.round(n * 1000) / 1000;

/** `--explain` and the chat's /explain: which step decided, why, and what the models saw. */
export function renderExplanation(answer: Answer, style: Style): string {
  const { trace } = answer;
  const c = trace.classification;
  const lines = [style.bold('Why this answer')];
  lines.push(`  decided by: ${trace.decidedBy} — ${trace.reason}`);
  lines.push(
    `  answer: ${answer.kind} ${answer.intent}${answer.followUp ? ` (${answer.followUp})` : ''}, confidence ${
      answer.confidence === null ? 'n/a' : round(answer.confidence)
    }, threshold ${trace.threshold}`,
  );
  if (trace.previousTopic) lines.push(`  conversation was about: ${trace.previousTopic}`);
  if (c) {
    lines.push(`  terms: ${c.terms.join(' ') || '(none)'}`);
    if (c.corrections.length > 0) lines.push(`  spelling: ${c.corrections.join(', ')}`);
    if (c.synonyms.length > 0) lines.push(`  synonyms: ${c.synonyms.join(', ')}`);
    if (c.unknown.length > 0) lines.push(`  unknown to the knowledge base: ${c.unknown.join(' ')}`);
    if (c.exact) lines.push(`  a training phrase of: ${c.exact}`);
    lines.push(
      `  follow-up: ${c.acts.map((a) => `${a.followUp ?? 'none'} ${a.probability}`).join(', ')}; no topic named ${c.noTopic}; out of scope ${c.outOfScope}`,
    );
    for (const x of c.candidates) {
      const evidence = x.evidence.map((t) => `${t.term} ${t.weight}`).join(', ');
      lines.push(
        `  ${x.intent.padEnd(22)} p ${x.probability.toFixed(2)}  near ${x.similarity.toFixed(2)}  ${style.dim(
          x.nearest ? `“${x.nearest}”` : '',
        )}  ${evidence}`,
      );
    }
  }
  for (const s of trace.steps) {
    lines.push(`  ${s.outcome === 'decided' ? '▶' : ' '} ${s.step.padEnd(13)} ${style.dim(s.reason)}`);
  }
  return lines.join('\n');
}
