import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { openKnowledge } from '../../src/runtime/open.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A start-up cache of the project's knowledge base, trained once for every test file. */
    modelCacheDir: string;
  }
}

const ROOT = join(import.meta.dirname, '..', '..');

/**
 * Before any test: the CLI tests run the real bundle, so build it from the current sources (about
 * a second); and train the classifier once into a start-up cache that every test file reads,
 * instead of each training its own.
 */
export default async function setup(project: TestProject): Promise<() => void> {
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, stdio: 'inherit' });
  const dir = mkdtempSync(join(tmpdir(), 'policybot-test-model-'));
  await openKnowledge({ POLICYBOT_CACHE_DIR: dir, POLICYBOT_CITATION_STYLE: 'plain' });
  project.provide('modelCacheDir', dir);
  return () => rmSync(dir, { recursive: true, force: true });
}
