import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { isIntentId, type IntentId } from '../knowledge/ids.js';

export interface LabelledQuestion {
  readonly q: string;
  /** Every acceptable intent; ["fallback"] for a question that must be declined. */
  readonly ok: readonly IntentId[];
  readonly line: number;
}

const lineSchema = z.object({
  q: z.string().min(1, 'must not be empty'),
  ok: z
    .array(
      z.string().refine(isIntentId, { error: (issue) => `unknown intent id ${JSON.stringify(issue.input)}` }),
    )
    .min(1, 'needs at least one intent'),
});

/** Reads a labelled JSONL file, failing with the line and field of any bad entry. */
export function readLabelled(file: string): LabelledQuestion[] {
  const out: LabelledQuestion[] = [];
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
      const parsed = lineSchema.safeParse(json);
      if (!parsed.success) {
        for (const issue of parsed.error.issues)
          problems.push(`${file}:${index + 1}: ${issue.path.join('.')}: ${issue.message}`);
        return;
      }
      out.push({ q: parsed.data.q, ok: parsed.data.ok as IntentId[], line: index + 1 });
    });
  if (problems.length > 0) throw new Error(problems.join('\n'));
  return out;
}
