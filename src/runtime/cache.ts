import { createHash, randomBytes } from 'node:crypto';
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

/** A typed array kept in the binary file beside the JSON: where its floats start, and how many. */
interface Slice {
  readonly offset: number;
  readonly length: number;
}

/** The linear heads as the JSON holds them: their sizes, and where their floats are in the binary file. */
type StoredHead = {
  readonly classes: number;
  readonly features: number;
  readonly weights: Slice;
  readonly bias: Slice;
};
type StoredCompiled = Omit<CompiledKnowledge, 'model'> & {
  readonly model: Omit<ClassifierState, 'topic' | 'act'> & {
    readonly topic: StoredHead;
    readonly act: StoredHead;
  };
  /** Ties the JSON to its binary file: both are written with the same token. */
  readonly binaryToken: string;
};

const TOKEN_BYTES = 16;

function binaryFile(file: string): string {
  return `${file.replace(/\.json$/, '')}.bin`;
}

export function readCompiled(file: string, expected: string): CompiledKnowledge | undefined {
  try {
    const stored = JSON.parse(readFileSync(file, 'utf8')) as StoredCompiled;
    if (stored.fingerprint !== expected) return undefined;
    const bytes = readFileSync(binaryFile(file));
    if (bytes.subarray(0, TOKEN_BYTES).toString('latin1') !== stored.binaryToken) return undefined;
    // One copy into an aligned buffer; the heads' arrays are views on it.
    const floats = new Float32Array(bytes.byteLength / 4 - TOKEN_BYTES / 4);
    new Uint8Array(floats.buffer).set(bytes.subarray(TOKEN_BYTES));
    const view = (slice: Slice): Float32Array => floats.subarray(slice.offset, slice.offset + slice.length);
    const head = (h: StoredHead) => ({
      classes: h.classes,
      features: h.features,
      weights: view(h.weights),
      bias: view(h.bias),
    });
    const { binaryToken: _token, ...rest } = stored;
    return {
      ...rest,
      model: { ...stored.model, topic: head(stored.model.topic), act: head(stored.model.act) },
    };
  } catch {
    return undefined;
  }
}

/**
 * Best effort: a read-only install simply trains at every start. The heads' weights (megabytes of
 * floats) go to a binary file beside the JSON: read as bytes at start-up, never parsed as text.
 */
export function writeCompiled(file: string, compiled: CompiledKnowledge): void {
  try {
    mkdirSync(join(file, '..'), { recursive: true });
    const token = randomBytes(TOKEN_BYTES / 2).toString('hex');
    const arrays: Float32Array[] = [];
    let offset = 0;
    const slice = (a: Float32Array): Slice => {
      arrays.push(a);
      offset += a.length;
      return { offset: offset - a.length, length: a.length };
    };
    const head = (h: ClassifierState['topic']): StoredHead => ({
      classes: h.classes,
      features: h.features,
      weights: slice(h.weights),
      bias: slice(h.bias),
    });
    const stored: StoredCompiled = {
      ...compiled,
      model: { ...compiled.model, topic: head(compiled.model.topic), act: head(compiled.model.act) },
      binaryToken: token,
    };
    const binary = Buffer.concat([
      Buffer.from(token, 'latin1'),
      ...arrays.map((a) => Buffer.from(a.buffer, a.byteOffset, a.byteLength)),
    ]);
    // The binary first: a reader that finds the new JSON finds its binary too.
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(`${temporary}.bin`, binary);
    renameSync(`${temporary}.bin`, binaryFile(file));
    writeFileSync(temporary, JSON.stringify(stored));
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
