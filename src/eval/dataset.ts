import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { FALLBACK_ID, FOLLOW_UP_KINDS, type FollowUpKind, type IntentId } from '../knowledge/ids.js';

export interface LabelledQuestion {
  readonly q: string;
  /** Every acceptable intent; ["fallback"] for a question that must be declined. */
  readonly ok: readonly IntentId[];
  readonly line: number;
}

/** A follow-up in context: earlier questions of one conversation, then the one scored. */
export interface LabelledFollowUp extends LabelledQuestion {
  readonly context: readonly string[];
  /** Every acceptable follow-up kind (null: the topic's own answer). */
  readonly followUp: readonly (FollowUpKind | null)[];
}

const followUpKind = z.union([z.enum(FOLLOW_UP_KINDS), z.null()]);

const questionSchema = z.object({
  q: z.string().min(1, 'must not be empty'),
  ok: z.array(z.string()).min(1, 'needs at least one intent'),
});

const followUpSchema = questionSchema.extend({
  context: z.array(z.string().min(1)).min(1, 'needs at least one earlier question'),
  followUp: z.array(followUpKind).min(1, 'needs at least one follow-up kind (null for none)'),
});

/**
 * Reads a JSONL file line by line against a schema (blank lines and `//` comments skipped),
 * collecting every problem with its line and field, and throws them together at the end. `accept`
 * checks a parsed entry further (intent ids) and returns the problems it finds; an entry with none
 * is kept. Shared by every labelled format (questions, follow-ups, whole conversations).
 */
export function readJsonLines<T, R>(
  file: string,
  schema: z.ZodType<T>,
  accept: (data: T, line: number) => { readonly item: R; readonly problems: readonly string[] },
): R[] {
  const out: R[] = [];
  const problems: string[] = [];
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((text, index) => {
      if (text.trim() === '' || text.trimStart().startsWith('//')) return;
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        problems.push(`${file}:${index + 1}: not valid JSON`);
        return;
      }
      const parsed = schema.safeParse(json);
      if (!parsed.success) {
        for (const issue of parsed.error.issues)
          problems.push(`${file}:${index + 1}: ${issue.path.join('.')}: ${issue.message}`);
        return;
      }
      const checked = accept(parsed.data, index + 1);
      for (const problem of checked.problems) problems.push(`${file}:${index + 1}: ${problem}`);
      if (checked.problems.length === 0) out.push(checked.item);
    });
  if (problems.length > 0) throw new Error(problems.join('\n'));
  return out;
}

/** Problems for intent ids the knowledge base does not have (none when `known` is not given). */
export function unknownIntents(ids: readonly string[], known: ReadonlySet<string> | undefined): string[] {
  return ids
    .filter((id) => id !== FALLBACK_ID && known !== undefined && !known.has(id))
    .map((id) => `ok: unknown intent id ${JSON.stringify(id)}`);
}

function readLines<T>(
  file: string,
  schema: z.ZodType<T>,
  known: ReadonlySet<string> | undefined,
  make: (data: T, line: number) => LabelledQuestion & T,
): (LabelledQuestion & T)[] {
  return readJsonLines(file, schema, (data, line) => {
    const item = make(data, line);
    return { item, problems: unknownIntents(item.ok, known) };
  });
}

/** Reads a labelled JSONL file, failing with the line and field of any bad entry; ids checked against `known`. */
export function readLabelled(file: string, known?: ReadonlySet<string>): LabelledQuestion[] {
  return readLines(file, questionSchema, known, (d, line) => ({ q: d.q, ok: d.ok, line }));
}

/** Reads labelled follow-ups in context (`{"context": [...], "q": ..., "ok": [...], "followUp": [...]}`). */
export function readFollowUps(file: string, known?: ReadonlySet<string>): LabelledFollowUp[] {
  return readLines(file, followUpSchema, known, (d, line) => ({ ...d, line }));
}

/** Whether a file holds follow-ups in context (its first entry has a `context`). */
export function isFollowUpFile(file: string): boolean {
  const first = readFileSync(file, 'utf8')
    .split('\n')
    .find((l) => l.trim() !== '' && !l.trimStart().startsWith('//'));
  try {
    return first !== undefined && 'context' in (JSON.parse(first) as object);
  } catch {
    return false;
  }
}
