import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: bench/ sits at its top. */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const BLIND_DIR = join(ROOT, 'tests', 'eval', 'blind');
export const CLI = join(ROOT, 'dist', 'cli', 'main.js');
export const RESULTS_DIR = join(ROOT, 'bench', 'results');
export const RESULTS_JSON = join(RESULTS_DIR, 'latest.json');
export const BENCHMARKS_MD = join(ROOT, 'BENCHMARKS.md');
export const README_MD = join(ROOT, 'README.md');
