import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { inject } from 'vitest';
import type { CliIO } from '../../src/cli/io.js';
import { main } from '../../src/cli/program.js';
import { ROOT } from './helpers.js';

export interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

const caches: string[] = [];

/**
 * A start-up cache of its own, so tests never share or touch the developer's: a copy of the one
 * the run trained once (tests/support/build.ts), so each CLI run starts warm instead of training.
 */
export function testEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const cache = mkdtempSync(join(tmpdir(), 'policybot-cache-'));
  caches.push(cache);
  const trained = inject('modelCacheDir');
  if (trained) cpSync(trained, cache, { recursive: true });
  return {
    POLICYBOT_KNOWLEDGE_DIR: ROOT,
    POLICYBOT_CACHE_DIR: cache,
    NO_COLOR: '1',
    ...extra,
  };
}

/** Removes the caches testEnv made (call from afterAll). */
export function removeTestCaches(): void {
  for (const dir of caches.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** Runs `policybot <argv>` in memory. */
export async function run(argv: readonly string[], env: NodeJS.ProcessEnv = testEnv()): Promise<Run> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  stdout.on('data', (chunk: Buffer) => out.push(chunk));
  stderr.on('data', (chunk: Buffer) => err.push(chunk));
  const stdin = new PassThrough();
  stdin.end();
  const io: CliIO = { stdin, stdout, stderr, env };
  const code = await main(argv, io);
  return { code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') };
}
