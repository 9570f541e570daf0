import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { ROOT } from '../support/assistant.js';

/**
 * `.env.example` is the one list of settings a newcomer copies: it must name every variable the
 * program knows, each with its default (or saying it is required or unset), and nothing it does not.
 * "Knows" is read from the program itself, so a schema or a variable added later is checked too:
 * every exported `…EnvSchema` (zod objects) in src/, and every POLICYBOT_, SLACK_ or DISCORD_ name
 * src/ reads as `env.NAME` or names in a string.
 */

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

const SOURCES = sourceFiles(join(ROOT, 'src'));

async function schemaVariables(): Promise<Map<string, string>> {
  const known = new Map<string, string>();
  for (const file of SOURCES) {
    const text = readFileSync(file, 'utf8');
    for (const [, name] of text.matchAll(/export const (\w+EnvSchema)\b/g)) {
      const module = (await import(pathToFileURL(file).href)) as Record<string, z.ZodType>;
      const schema = module[name as string] as unknown as { shape?: Record<string, unknown> };
      expect(schema?.shape, `${name} in ${relative(ROOT, file)} is a zod object`).toBeDefined();
      for (const variable of Object.keys(schema.shape ?? {}))
        known.set(variable, `${name} (${relative(ROOT, file)})`);
    }
  }
  return known;
}

function readVariables(): Map<string, string> {
  const read = new Map<string, string>();
  const pattern =
    /env\.((?:POLICYBOT|SLACK|DISCORD)_[A-Z0-9_]+)|['"`]((?:POLICYBOT|SLACK|DISCORD)_[A-Z0-9_]+)['"`]/g;
  for (const file of SOURCES) {
    for (const match of readFileSync(file, 'utf8').matchAll(pattern))
      read.set((match[1] ?? match[2]) as string, relative(ROOT, file));
  }
  return read;
}

interface Entry {
  readonly line: number;
  /** The comment lines just above it. */
  readonly comment: string;
}

/** `NAME=` or `# NAME=` lines, with the comment block above each. */
function exampleEntries(): Map<string, Entry> {
  const lines = readFileSync(join(ROOT, '.env.example'), 'utf8').split('\n');
  const entries = new Map<string, Entry>();
  let comment: string[] = [];
  for (const [i, line] of lines.entries()) {
    const assignment = /^#?\s*([A-Z][A-Z0-9_]*)=/.exec(line);
    if (assignment) {
      entries.set(assignment[1] as string, { line: i + 1, comment: comment.join(' ') });
      comment = [];
    } else if (line.startsWith('#') && !line.startsWith('# ---')) comment.push(line.slice(1).trim());
    else comment = [];
  }
  return entries;
}

describe('.env.example', () => {
  it('lists every variable the zod schemas and the code know', async () => {
    const entries = exampleEntries();
    const known = new Map([...readVariables(), ...(await schemaVariables())]);
    const missing = [...known]
      .filter(([name]) => !entries.has(name))
      .map(([name, where]) => `${name} (${where})`);
    expect(missing, 'variables the program reads that .env.example does not list').toEqual([]);
  });

  it('lists nothing the program does not read', async () => {
    const known = new Set([...readVariables().keys(), ...(await schemaVariables()).keys()]);
    const unknown = [...exampleEntries()]
      .filter(([name]) => !known.has(name))
      .map(([name, e]) => `${name} (line ${e.line})`);
    expect(unknown, 'variables in .env.example that nothing reads').toEqual([]);
  });

  it('gives each its default, or says it is required or optional', () => {
    const silent = [...exampleEntries()]
      .filter(([, e]) => !/\b(default|required|unset|optional)\b/i.test(e.comment))
      .map(([name, e]) => `${name} (line ${e.line})`);
    expect(silent, 'variables whose comment says no default').toEqual([]);
  });
});
