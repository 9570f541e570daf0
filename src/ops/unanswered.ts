import {
  appendFileSync,
  closeSync,
  existsSync,
  fstatSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  renameSync,
  statSync,
  writeSync,
} from 'node:fs';
import { randomUUID } from 'node:crypto';
import { dirname } from 'node:path';
import type { SharedLog } from '../state/port.js';

/** The log's name in the state store's shared log (a Redis stream under the prefix). */
export const SHARED_LOG_NAME = 'unanswered';

/**
 * One line of the curators' record: a question the bot could not answer well, or an answer someone
 * marked helpful or not.
 */
export interface UnansweredRecord {
  /**
   * Unique to the record: one the shared log took late (Redis frozen past the call's timeout, the
   * record then also written to the file) is in both, and read once. Records before 0.3 have none.
   */
  readonly id?: string;
  readonly time: string;
  /**
   * Declined outright, answered with a confidence under the low-confidence mark, answered with
   * a question back ("about what?"), or marked by the person who asked (`feedback`, see `value`).
   */
  readonly reason: 'fallback' | 'low-confidence' | 'clarify' | 'feedback';
  /** For feedback: what the person said of the answer. */
  readonly value?: 'helpful' | 'not-helpful';
  /** For feedback: the answer marked; the last mark of one person on one answer is the one that counts. */
  readonly ref?: string;
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
  /** For feedback on an answer to a button, not to a typed question: what the button asked. */
  readonly pressed?: { readonly topic: string; readonly followUp: string | null };
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

/** Where the service records a miss: never throws, never makes the answer wait. */
export interface UnansweredSink {
  record(record: UnansweredRecord): void;
}

/**
 * Appends records as JSON lines. Writes are synchronous on purpose: a line is a few hundred bytes,
 * only misses are recorded, and nothing is left in a buffer to lose when the process stops. A
 * write that fails (a full disk) is reported to `onError` and never fails the answer.
 */
export class UnansweredRecorder implements UnansweredSink {
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
      this.size = appendLine(this.options.file, line);
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

/**
 * Appends one whole line, or nothing: a write cut short (a full disk) is truncated back to where
 * it started, so the next record is never glued to half of this one; and a file that already ends
 * in a partial line (written by something that could not undo it) gets a newline first. Returns
 * the file's size after.
 */
export function appendLine(file: string, line: string): number {
  const fd = openSync(file, 'a+', 0o600);
  try {
    const before = fstatSync(fd).size;
    let text = line;
    if (before > 0) {
      const last = Buffer.alloc(1);
      readSync(fd, last, 0, 1, before - 1);
      if (last[0] !== 0x0a) text = `\n${line}`;
    }
    const bytes = Buffer.from(text);
    try {
      let written = 0;
      while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written);
    } catch (error) {
      try {
        ftruncateSync(fd, before);
      } catch {
        // Could not undo: the next append starts with a newline (above).
      }
      throw error;
    }
    return before + bytes.length;
  } finally {
    closeSync(fd);
  }
}

/**
 * Several replicas: every record goes to the state store's shared log (a Redis stream), so
 * `policybot report` reads one record of every replica from anywhere. A record the log cannot
 * take (Redis unreachable) goes to this replica's own file, which report reads too.
 */
export class SharedRecorder implements UnansweredSink {
  constructor(
    private readonly log: SharedLog,
    private readonly fallback: UnansweredSink | undefined,
  ) {}

  record(record: UnansweredRecord): void {
    // A stream append that timed out may still be carried out by Redis later: the record then
    // reaches both the stream and the file, and its id makes the readers count it once.
    const identified = record.id === undefined ? { id: randomUUID(), ...record } : record;
    void this.log.append(SHARED_LOG_NAME, JSON.stringify(identified)).then((kept) => {
      if (!kept) this.fallback?.record(identified);
    });
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
  return parseLines(
    logFiles(file).flatMap((path) => readFileSync(path, 'utf8').split('\n')),
    since,
  );
}

/** Records with the same id (a record both the stream and the file took) once; records without one all. */
export function onceEach(records: readonly UnansweredRecord[]): UnansweredRecord[] {
  const seen = new Set<string>();
  return records.filter((r) => {
    if (r.id === undefined) return true;
    if (seen.has(r.id)) return false;
    seen.add(r.id);
    return true;
  });
}

/** The same for lines from anywhere (the shared log), oldest first. */
export function parseLines(
  lines: Iterable<string>,
  since?: Date,
): { records: UnansweredRecord[]; skipped: number } {
  const records: UnansweredRecord[] = [];
  let skipped = 0;
  for (const line of lines) {
    if (line.trim() === '') continue;
    const record = parseRecord(line);
    if (record === undefined) {
      skipped++;
      continue;
    }
    if (since === undefined || Date.parse(record.time) >= since.getTime()) records.push(record);
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
