import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseEnv } from 'node:util';
import { ConfigError } from './errors.js';

/**
 * `.env` in the working folder, read by every command before anything else, so a copied and
 * filled-in `.env.example` configures `npm start`, `serve`, `ask` and the rest alike. The parsing is
 * Node's own (`util.parseEnv`, the parser behind `node --env-file`, in Node since 20.12): no
 * dependency. Node's parser skips a line it cannot read, or worse, reads it together with the next
 * one as a name, so every line is checked first and a malformed one stops the start, named by its
 * line number (never its text: it may hold a secret).
 */

/** Set to `off` to read no file (tests do, so a developer's own .env cannot change what they see). */
export const ENV_FILE_VARIABLE = 'POLICYBOT_ENV_FILE';

/** `NAME=value` or `export NAME=value`; the name as a shell takes it. */
const ASSIGNMENT = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/;
const QUOTES = ['"', "'", '`'] as const;

export interface DotEnvProblem {
  readonly line: number;
  readonly why: string;
}

/** The lines Node's parser would misread: each with its (1-based) number and what is wrong. */
export function dotEnvProblems(text: string): DotEnvProblem[] {
  const problems: DotEnvProblem[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    const match = ASSIGNMENT.exec(line);
    if (!match) {
      problems.push({ line: i + 1, why: 'is not NAME=value (a name of letters, digits and _)' });
      continue;
    }
    const value = match[2] ?? '';
    const quote = QUOTES.find((q) => value.startsWith(q));
    if (quote === undefined || value.indexOf(quote, 1) !== -1) continue;
    // A quoted value may run over several lines (a PEM key): up to the line its quote closes on.
    const closes = lines.findIndex((next, j) => j > i && next.includes(quote));
    if (closes === -1) {
      problems.push({ line: i + 1, why: `opens a quoted value (${quote}) that is never closed` });
      break;
    }
    i = closes;
  }
  return problems;
}

/** The variables of a `.env` text, or a ConfigError naming the file and each malformed line. */
export function parseDotEnv(text: string, file: string): Record<string, string> {
  const problems = dotEnvProblems(text);
  if (problems.length > 0) {
    const lines = problems.map((p) => `  ${file}:${p.line}: ${p.why}`);
    throw new ConfigError(`Cannot read ${file}:\n${lines.join('\n')}`);
  }
  const parsed = parseEnv(text);
  return Object.fromEntries(
    Object.entries(parsed).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
}

/**
 * Adds the variables of `.env` in `cwd` (or the file POLICYBOT_ENV_FILE names; `off` for none) to
 * `env`, where they are not already set: the environment wins over the file, as with
 * `node --env-file`. Returns the file read, if any.
 */
export function loadDotEnv(env: NodeJS.ProcessEnv, cwd: string): string | undefined {
  const chosen = env[ENV_FILE_VARIABLE]?.trim();
  if (chosen !== undefined && chosen.toLowerCase() === 'off') return undefined;
  const file = resolve(cwd, chosen === undefined || chosen === '' ? '.env' : chosen);
  if (!existsSync(file)) {
    if (chosen !== undefined && chosen !== '')
      throw new ConfigError(`Invalid configuration:\n  ${ENV_FILE_VARIABLE}: no file at ${file}`);
    return undefined;
  }
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(`Cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}`);
  }
  for (const [name, value] of Object.entries(parseDotEnv(text, file))) {
    if (env[name] === undefined) env[name] = value;
  }
  return file;
}
