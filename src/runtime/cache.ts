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
import type { ReferenceParts } from '../core/citations/reference.js';
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
   * Each source's reference parts, by style and source id, for the styles that need the
   * citation engine: a warm start shows Chicago references without loading citation-js.
   */
  readonly references?: Partial<Record<CitationStyle, Record<string, ReferenceParts>>>;
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

/**
 * What the cache was made from: the model's and the references' versions, the code, and the size
 * and modification time of every file of intents/ and content/, as make does (reading every file
 * would cost more than the cache saves). The text itself, a few kilobytes, rather than a hash of
 * it: comparing it costs nothing, and loading node:crypto would cost a one-shot `ask` a few ms.
 */
export function fingerprint(root: string): string {
  let stamp = `model v${MODEL_VERSION}\nreferences v${REFERENCES_VERSION}\n${codeStamp()}\n`;
  for (const file of [...listFiles(join(root, 'intents')), ...listFiles(join(root, 'content'))]) {
    const { size, mtimeMs } = statSync(file);
    stamp += `${relative(root, file)}:${size}:${mtimeMs}\n`;
  }
  return stamp;
}

/** 64 bits of a string, as hex (cyrb53's mixing, both halves kept): a short file name for a path. */
function hash64(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (h2 >>> 0).toString(16).padStart(8, '0') + (h1 >>> 0).toString(16).padStart(8, '0');
}

export function cacheFile(root: string, env: NodeJS.ProcessEnv): string {
  if (env.POLICYBOT_CACHE_DIR) return join(env.POLICYBOT_CACHE_DIR, 'knowledge.json');
  const local = join(root, 'node_modules');
  const base = existsSync(local) ? join(local, '.cache', 'policybot') : join(tmpdir(), 'policybot-cache');
  return join(base, `${hash64(root).slice(0, 12)}.json`);
}

/** The typed arrays the start-up cache keeps as bytes in its binary file rather than as JSON. */
const TYPED = {
  Float32Array,
  Float64Array,
  Int32Array,
  Uint32Array,
  Int16Array,
  Uint16Array,
  Int8Array,
  Uint8Array,
} as const;
type TypedName = keyof typeof TYPED;
type Typed = InstanceType<(typeof TYPED)[TypedName]>;

/** A typed array of the model, stored in the binary file: where it goes in the JSON, and its bytes. */
interface StoredArray {
  /** Keys from the compiled knowledge down to it; the JSON holds null there. */
  readonly path: readonly string[];
  readonly type: TypedName;
  /** Where its bytes start in the binary file (a multiple of 8), and how many elements. */
  readonly offset: number;
  readonly length: number;
}

type StoredCompiled = Omit<CompiledKnowledge, 'examples'> & {
  /** Ties the JSON to its binary file: both are written with the same token. */
  readonly binaryToken: string;
  readonly arrays: readonly StoredArray[];
  /**
   * Where the training phrases are in the binary file, as UTF-8 JSON: answering needs only the
   * trained model, so they are parsed when something asks for them (cite's topic finder, learn).
   */
  readonly examplesAt: { readonly offset: number; readonly length: number };
};

const TOKEN_BYTES = 16;

function binaryFile(file: string): string {
  return `${file.replace(/\.json$/, '')}.bin`;
}

function typedName(value: unknown): TypedName | undefined {
  if (!ArrayBuffer.isView(value)) return undefined;
  const name = value.constructor.name;
  return name in TYPED ? (name as TypedName) : undefined;
}

/** Every typed array in the model, with its path: they go to the binary file. */
function typedArrays(value: unknown, path: string[], out: { path: string[]; array: Typed }[]): void {
  if (typedName(value) !== undefined) out.push({ path, array: value as Typed });
  else if (Array.isArray(value)) {
    // Lists of strings and numbers hold no typed array: not worth walking.
    if (value.length > 0 && typeof value[0] !== 'object') return;
    value.forEach((v, i) => {
      typedArrays(v, [...path, String(i)], out);
    });
  } else if (value !== null && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) typedArrays(v, [...path, k], out);
}

/**
 * Whether a cache was made by this code (model, references and code versions), whatever the
 * files were then: the last good knowledge base, when today's files do not load.
 */
export function sameCode(stored: string, current: string): boolean {
  const code = (print: string) => print.split('\n').slice(0, 3).join('\n');
  return code(stored) === code(current);
}

export function readCompiled(
  file: string,
  expected: string | ((stored: string) => boolean),
): CompiledKnowledge | undefined {
  try {
    const stored = JSON.parse(readFileSync(file, 'utf8')) as StoredCompiled;
    const fits =
      typeof expected === 'string' ? stored.fingerprint === expected : expected(stored.fingerprint);
    if (!fits) return undefined;
    const bytes = readFileSync(binaryFile(file));
    if (bytes.subarray(0, TOKEN_BYTES).toString('latin1') !== stored.binaryToken) return undefined;
    // The arrays are views on the file's bytes, copied once if they are not aligned for them.
    const aligned = bytes.byteOffset % 8 === 0 ? bytes : new Uint8Array(bytes);
    for (const { path, type, offset, length } of stored.arrays) {
      let holder = stored as unknown as Record<string, unknown>;
      for (const key of path.slice(0, -1)) holder = holder[key] as Record<string, unknown>;
      holder[path.at(-1) as string] = new TYPED[type](aligned.buffer, aligned.byteOffset + offset, length);
    }
    const { binaryToken: _token, arrays: _arrays, examplesAt, ...rest } = stored;
    const text = aligned.subarray(examplesAt.offset, examplesAt.offset + examplesAt.length);
    let examples: readonly TrainingExample[] | undefined;
    return Object.defineProperty(rest, 'examples', {
      enumerable: true,
      get: () => {
        examples ??= JSON.parse(new TextDecoder().decode(text)) as TrainingExample[];
        return examples;
      },
    }) as CompiledKnowledge;
  } catch {
    return undefined;
  }
}

/**
 * Best effort: a read-only install simply trains at every start. The model's typed arrays (the
 * heads' weights, megabytes of floats, and the matcher's vectors) go to a binary file beside the
 * JSON: read as bytes at start-up, never parsed as text.
 */
export function writeCompiled(file: string, compiled: CompiledKnowledge): void {
  try {
    mkdirSync(join(file, '..'), { recursive: true });
    // Unique enough to tie the two files of one write together; nothing secret.
    const token = Array.from({ length: TOKEN_BYTES }, () => Math.floor(Math.random() * 16).toString(16)).join(
      '',
    );
    const found: { path: string[]; array: Typed }[] = [];
    typedArrays(compiled.model, ['model'], found);
    const arrays: StoredArray[] = [];
    const chunks: Buffer[] = [Buffer.from(token, 'latin1')];
    let offset = TOKEN_BYTES;
    for (const { path, array } of found) {
      const padding = (8 - (offset % 8)) % 8;
      if (padding > 0) chunks.push(Buffer.alloc(padding));
      offset += padding;
      arrays.push({ path, type: typedName(array) as TypedName, offset, length: array.length });
      chunks.push(Buffer.from(array.buffer, array.byteOffset, array.byteLength));
      offset += array.byteLength;
    }
    const { examples, ...rest } = compiled;
    const examplesJson = Buffer.from(JSON.stringify(examples), 'utf8');
    chunks.push(examplesJson);
    const examplesAt = { offset, length: examplesJson.byteLength };
    const stored: StoredCompiled = { ...rest, binaryToken: token, arrays, examplesAt };
    const json = JSON.stringify(stored, (_key, value) => (typedName(value) === undefined ? value : null));
    // The binary first: a reader that finds the new JSON finds its binary too.
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(`${temporary}.bin`, Buffer.concat(chunks));
    renameSync(`${temporary}.bin`, binaryFile(file));
    writeFileSync(temporary, json);
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
    // The phrases as the cache gives them: read when first asked for.
    get examples() {
      return compiled.examples;
    },
    language: compiled.language,
    limits: compiled.limits,
  };
}
