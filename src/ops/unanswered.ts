import { appendFileSync, existsSync, mkdirSync, readFileSync, renameSync, statSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * One line of the curators' record: a question the bot could not answer well, or an answer someone
 * marked helpful or not.
 */
export interface UnansweredRecord {
  readonly time: string;
  /**
   * Declined outright, answered with a confidence under the low-confidence mark, answered with
   * a question back ("about what?"), or marked by the person who asked (`feedback`, see `value`).
   */
  readonly reason: 'fallback' | 'low-confidence' | 'clarify' | 'feedback';
  /** For feedback: what the person said of the answer. */
  readonly value?: 'helpful' | 'not-helpful';
  /** For feedback: how the answer was decided (the step, its reason, the best candidates). */
  readonly trace?: {
    readonly decidedBy: string;
    readonly reason: string;
    readonly candidates: readonly { readonly intent: string; readonly probability: number }[];
  };
  /** The answer's kind and the step that decided it (records from before 0.2 have neither). */
  readonly kind?: string;
  readonly step?: string;
  readonly platform: string;
  /** The asker's pseudonym (see user-hash.ts), never the platform's id. */
  readonly user?: string;
  readonly question: string;
  readonly intent: string;
  /** Null when nothing was classified (a question back). */
  readonly confidence: number | null;
  /** The topic it came closest to, when any did. */
  readonly nearest?: { readonly intent: string; readonly score: number };
}

export interface RecorderOptions {
  readonly file: string;
  /** Past this size the file is rotated: file → file.1 → file.2 …, the oldest dropped. */
  readonly maxBytes: number;
  /** Rotated files kept besides the current one. */
  readonly keep?: number;
}

/** Control and zero-width characters, dropped from what is stored (they only hide words from a curator). */
const INVISIBLE = /[\p{Cc}\p{Cf}\u2028\u2029]/gu;
export const MAX_STORED_QUESTION = 500;

export function cleanQuestion(text: string): string {
  const clean = text.replace(INVISIBLE, ' ').replace(/\s+/g, ' ').trim();
  return clean.length > MAX_STORED_QUESTION ? `${clean.slice(0, MAX_STORED_QUESTION - 1)}…` : clean;
}

/**
 * Appends records as JSON lines. Writes are synchronous on purpose: a line is a few hundred bytes,
 * only misses are recorded, and nothing is left in a buffer to lose when the process stops. A
 * write that fails (a full disk) is reported to `onError` and never fails the answer.
 */
export class UnansweredRecorder {
  private size: number;
  private readonly keep: number;

  constructor(
    private readonly options: RecorderOptions,
    private readonly onError: (error: unknown) => void = () => {},
  ) {
    this.keep = options.keep ?? 3;
    this.size = existsSync(options.file) ? statSync(options.file).size : 0;
  }

  get file(): string {
    return this.options.file;
  }

  record(record: UnansweredRecord): void {
    const line = `${JSON.stringify(record)}\n`;
    const bytes = Buffer.byteLength(line);
    try {
      if (this.size > 0 && this.size + bytes > this.options.maxBytes) this.rotate();
      mkdirSync(dirname(this.options.file), { recursive: true });
      appendFileSync(this.options.file, line, { mode: 0o600 });
      this.size += bytes;
    } catch (error) {
      this.onError(error);
    }
  }

  private rotate(): void {
    const { file } = this.options;
    for (let i = this.keep - 1; i >= 1; i--) {
      if (existsSync(`${file}.${i}`)) renameSync(`${file}.${i}`, `${file}.${i + 1}`);
    }
    if (this.keep > 0) renameSync(file, `${file}.1`);
    else appendFileSync(file, '', { flag: 'w' });
    this.size = 0;
  }
}

/** The log and its rotated files, oldest first: file.N … file.1, file. */
export function logFiles(file: string): string[] {
  const rotated: string[] = [];
  for (let i = 1; existsSync(`${file}.${i}`); i++) rotated.unshift(`${file}.${i}`);
  return existsSync(file) ? [...rotated, file] : rotated;
}

/** Every well-formed record at or after `since`; lines that do not parse are counted, not fatal. */
export function readRecords(file: string, since?: Date): { records: UnansweredRecord[]; skipped: number } {
  const records: UnansweredRecord[] = [];
  let skipped = 0;
  for (const path of logFiles(file)) {
    for (const line of readFileSync(path, 'utf8').split('\n')) {
      if (line.trim() === '') continue;
      const record = parseRecord(line);
      if (record === undefined) {
        skipped++;
        continue;
      }
      if (since === undefined || Date.parse(record.time) >= since.getTime()) records.push(record);
    }
  }
  return { records, skipped };
}

function parseRecord(line: string): UnansweredRecord | undefined {
  try {
    const r = JSON.parse(line) as Partial<UnansweredRecord>;
    if (typeof r.time !== 'string' || Number.isNaN(Date.parse(r.time))) return undefined;
    if (typeof r.question !== 'string' || typeof r.intent !== 'string') return undefined;
    return r as UnansweredRecord;
  } catch {
    return undefined;
  }
}
