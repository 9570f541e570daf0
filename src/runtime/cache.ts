import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type CitationStyle, REFERENCES_VERSION } from '../core/citations/styles.js';
import { type ClassifierState, MODEL_VERSION } from '../core/model/classifier.js';
import type { KnowledgeBase, Language, Limit, Source, Topic, TrainingExample } from '../knowledge/types.js';

/**
 * The validated knowledge base and its trained model, stored under a fingerprint of every file
 * they came from. A warm start reads one JSON file instead of parsing YAML, validating and
 * training; any edit changes the fingerprint, and the next start validates and trains afresh.
 */
export interface CompiledKnowledge {
  readonly fingerprint: string;
  readonly topics: readonly Topic[];
  readonly sources: readonly Source[];
  readonly examples: readonly TrainingExample[];
  readonly language: Language;
  readonly limits: readonly Limit[];
  readonly model: ClassifierState;
  /**
   * Each source's one-line reference, by style and source id, for the styles that need the
   * citation engine: a warm start shows Chicago references without loading citation-js.
   */
  readonly references?: Partial<Record<CitationStyle, Record<string, string>>>;
}

function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((d) => d.isFile())
    .map((d) => join(d.parentPath, d.name))
    .sort();
}

/**
 * The running code takes part in the fingerprint: a rebuilt bundle may normalize or match
 * differently. The bundler names every chunk by a hash of its content, so the chunk names are
 * the code's fingerprint, read with one directory listing.
 */
function codeStamp(): string {
  const dir = dirname(fileURLToPath(import.meta.url));
  return readdirSync(dir)
    .filter((f) => f.endsWith('.js'))
    .sort()
    .join('|');
}

/** Running from TypeScript sources (tests, tsx): the code changes under us, so never cache. */
export const cacheable = !import.meta.url.endsWith('.ts');

export function fingerprint(root: string): string {
  const hash = createHash('sha256').update(
    `model v${MODEL_VERSION}\nreferences v${REFERENCES_VERSION}\n${codeStamp()}\n`,
  );
  // Size and modification time, as make does: reading every file would cost more than the cache saves.
  for (const file of [...listFiles(join(root, 'intents')), ...listFiles(join(root, 'content'))]) {
    const { size, mtimeMs } = statSync(file);
    hash.update(`${relative(root, file)}:${size}:${mtimeMs}\n`);
  }
  return hash.digest('hex');
}

export function cacheFile(root: string, env: NodeJS.ProcessEnv): string {
  if (env.POLICYBOT_CACHE_DIR) return join(env.POLICYBOT_CACHE_DIR, 'knowledge.json');
  const local = join(root, 'node_modules');
  const base = existsSync(local) ? join(local, '.cache', 'policybot') : join(tmpdir(), 'policybot-cache');
  return join(base, `${createHash('sha256').update(root).digest('hex').slice(0, 12)}.json`);
}

export function readCompiled(file: string, expected: string): CompiledKnowledge | undefined {
  try {
    const compiled = JSON.parse(readFileSync(file, 'utf8')) as CompiledKnowledge;
    return compiled.fingerprint === expected ? compiled : undefined;
  } catch {
    return undefined;
  }
}

/** Best effort: a read-only install simply trains at every start. */
export function writeCompiled(file: string, compiled: CompiledKnowledge): void {
  try {
    mkdirSync(join(file, '..'), { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify(compiled));
    renameSync(temporary, file);
  } catch {
    // Not writable here: nothing is lost but start-up time.
  }
}

export function compile(
  kb: KnowledgeBase,
  model: ClassifierState,
  print: string,
  references: CompiledKnowledge['references'] = {},
): CompiledKnowledge {
  return {
    fingerprint: print,
    topics: [...kb.topics.values()],
    sources: [...kb.sources.values()],
    examples: kb.examples,
    language: kb.language,
    limits: kb.limits,
    model,
    references,
  };
}

export function knowledgeFrom(compiled: CompiledKnowledge): KnowledgeBase {
  return {
    topics: new Map(compiled.topics.map((t) => [t.id, t])),
    sources: new Map(compiled.sources.map((s) => [s.id, s])),
    examples: compiled.examples,
    language: compiled.language,
    limits: compiled.limits,
  };
}
