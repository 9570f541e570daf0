import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Runnable examples in the docs: a ```console block right after the line `<!-- runnable -->`, in
 * README.md or docs/*.md. In the block, a line starting with `$ ` is a command (a line ending in
 * `\` goes on in the next); the lines after it, up to the next command, are what it prints,
 * standard output and standard error together. In the expected lines, `[...]` stands for any text
 * within a line, and a line that is only `[...]` for any number of lines (none included).
 */

export const MARKER = '<!-- runnable -->';

export interface Step {
  readonly command: string;
  readonly expected: readonly string[];
}

export interface Example {
  /** `README.md:123`: where the block starts. */
  readonly where: string;
  readonly steps: readonly Step[];
}

/** README.md and every docs/*.md, relative to the project root. */
export function documentFiles(root: string): string[] {
  const docs = readdirSync(join(root, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => join('docs', name));
  return ['README.md', ...docs];
}

export function examplesIn(text: string, file: string): Example[] {
  const lines = text.split('\n');
  const examples: Example[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (lines[i]?.trim() !== MARKER) continue;
    let open = i + 1;
    while (lines[open]?.trim() === '') open++;
    if (lines[open]?.trim() !== '```console')
      throw new Error(`${file}:${i + 1}: ${MARKER} must be followed by a \`\`\`console block`);
    const close = lines.findIndex((line, j) => j > open && line.trim() === '```');
    if (close === -1) throw new Error(`${file}:${open + 1}: the console block is never closed`);
    const steps: { command: string; expected: string[] }[] = [];
    for (let j = open + 1; j < close; j++) {
      const line = lines[j] ?? '';
      if (line.startsWith('$ ')) {
        let command = line.slice(2);
        while (command.endsWith('\\') && j + 1 < close) command = `${command.slice(0, -1)}\n${lines[++j]}`;
        steps.push({ command, expected: [] });
      } else if (steps.length === 0) {
        throw new Error(`${file}:${j + 1}: a runnable block starts with a command (\`$ …\`)`);
      } else steps.at(-1)?.expected.push(line);
    }
    if (steps.length === 0) throw new Error(`${file}:${open + 1}: a runnable block has no command`);
    examples.push({ where: `${file}:${open + 1}`, steps });
    i = close;
  }
  return examples;
}

export function allExamples(root: string): Example[] {
  return documentFiles(root).flatMap((file) => examplesIn(readFileSync(join(root, file), 'utf8'), file));
}

const ANY_LINES = '[...]';

/** Trailing white space and trailing empty lines are not compared. */
export function normalizeOutput(text: string): string[] {
  const lines = text.split('\n').map((line) => line.trimEnd());
  while (lines.length > 0 && lines.at(-1) === '') lines.pop();
  return lines;
}

function lineMatches(expected: string, actual: string): boolean {
  if (!expected.includes(ANY_LINES)) return expected === actual;
  const pattern = expected
    .split(ANY_LINES)
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${pattern}$`, 's').test(actual);
}

/** Whether the output matches the expected lines, `[...]` lines matching any run of lines. */
export function outputMatches(expected: readonly string[], actual: readonly string[]): boolean {
  const want = normalizeOutput(expected.join('\n'));
  const match = (w: number, a: number): boolean => {
    if (w === want.length) return a === actual.length;
    const line = want[w] as string;
    if (line.trim() === ANY_LINES) {
      for (let k = a; k <= actual.length; k++) if (match(w + 1, k)) return true;
      return false;
    }
    return a < actual.length && lineMatches(line, actual[a] as string) && match(w + 1, a + 1);
  };
  return match(0, 0);
}
