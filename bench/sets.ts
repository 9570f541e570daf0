import { join } from 'node:path';
import { BLIND_DIR } from './paths.js';

/**
 * The blind evaluation sets of tests/eval/blind/: written from the table of intents and the source
 * page alone, never from the phrases. The development sets were each scored once, then the core was
 * tuned on them: their figures are fitted. The final set is kept untouched until the end; only
 * `npm run bench -- --final` names it, and no process of the bench reads a set it was not given.
 */
export const DEVELOPMENT_SETS = ['dev-a', 'dev-b', 'dev-c', 'dev-d', 'dev-e', 'dev-f', 'dev-g', 'dev-h', 'dev-i', 'dev-j', 'dev-l', 'dev-m'] as const;
export const FINAL_SET = 'final';

export type SetStatus = 'tuned on' | 'untouched';

export interface EvalSet {
  readonly name: string;
  readonly status: SetStatus;
  /** Questions asked alone: `{"q", "ok"}`. */
  readonly questions: string;
  /** Follow-ups in context: `{"context", "q", "ok", "followUp"}`. */
  readonly followUps: string;
}

export function evalSet(name: string): EvalSet {
  if (name !== FINAL_SET && !(DEVELOPMENT_SETS as readonly string[]).includes(name))
    throw new Error(
      `unknown evaluation set "${name}"; one of ${[...DEVELOPMENT_SETS, FINAL_SET].join(', ')}`,
    );
  return {
    name,
    status: name === FINAL_SET ? 'untouched' : 'tuned on',
    questions: join(BLIND_DIR, `${name}.jsonl`),
    followUps: join(BLIND_DIR, `${name}-followups.jsonl`),
  };
}

/** The sets a run scores: the development sets, and the final one only when asked for. */
export function evalSets(final: boolean): EvalSet[] {
  return [...DEVELOPMENT_SETS, ...(final ? [FINAL_SET] : [])].map(evalSet);
}
