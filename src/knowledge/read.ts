/**
 * Reading the knowledge base's YAML: every problem reported with its file and field (never thrown
 * one at a time), so `policybot check` names them all. Shared by the loader and the language files.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import type { z } from 'zod';

export type Report = (file: string, field: string, message: string) => void;

/** A file's YAML, or NOT_READ when it could not be read or parsed (already reported). */
const NOT_READ = Symbol('not read');

export function readYaml(file: string, report: Report): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    report(file, '', `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
    return NOT_READ;
  }
  try {
    return parseYaml(text, { prettyErrors: true });
  } catch (error) {
    const where = error instanceof YAMLParseError && error.linePos ? `line ${error.linePos[0].line}` : '';
    const first = (error as Error).message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? '';
    report(file, where, `is not valid YAML: ${first}`);
    return NOT_READ;
  }
}

/**
 * A zod path as a curator reads it: in a list of entries with ids, the entry's id instead of its
 * index (`odni-ata-2024.date`, not `[0].date`).
 */
export function fieldOf(data: unknown, path: readonly PropertyKey[]): string {
  const [first, ...rest] = path;
  const entry = typeof first === 'number' && Array.isArray(data) ? (data[first] as unknown) : undefined;
  const id =
    entry !== null && typeof entry === 'object' && typeof (entry as { id?: unknown }).id === 'string'
      ? (entry as { id: string }).id
      : undefined;
  const tail = id === undefined ? path : rest;
  const joined = tail
    .map((part, index) =>
      typeof part === 'number' ? `[${part}]` : `${index === 0 ? '' : '.'}${String(part)}`,
    )
    .join('');
  if (id === undefined) return joined;
  return joined === '' ? id : `${id}: ${joined}`;
}

export function validate<T>(
  schema: z.ZodType<T>,
  data: unknown,
  file: string,
  report: Report,
): T | undefined {
  // One problem per file that cannot be read: its YAML error, not also what is then missing.
  if (data === NOT_READ) return undefined;
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  for (const issue of result.error.issues) report(file, fieldOf(data, issue.path), issue.message);
  return undefined;
}

export function yamlFiles(dir: string, report: Report, required = true): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true })
      .filter((entry) => entry.isFile() && /\.ya?ml$/.test(entry.name))
      .map((entry) => join(dir, entry.name))
      .sort();
  } catch {
    if (required) report(dir, '', 'folder is missing');
    return [];
  }
}
