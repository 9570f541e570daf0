import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { OpsConfig } from '../config/ops.js';
import { silentLogger } from '../runtime/logger.js';
import { openStateStore } from '../state/open.js';
import {
  logFiles,
  onceEach,
  parseLines,
  readRecords,
  SHARED_LOG_NAME,
  type UnansweredRecord,
} from './unanswered.js';

export type RecordRead =
  | {
      readonly found: true;
      readonly path: string;
      /** Read from the replicas' shared stream too. */
      readonly shared: boolean;
      readonly records: readonly UnansweredRecord[];
      readonly skipped: number;
    }
  | { readonly found: false; readonly why: string };

/**
 * The curators' record as `report` and `learn` read it: replicas sharing Redis append to its
 * stream (and to their own file while it is away), so both are read unless one file is asked for.
 */
export async function readCuratorsRecord(
  ops: OpsConfig,
  options: { readonly file?: string | undefined; readonly since?: Date | undefined },
): Promise<RecordRead> {
  const file = options.file ?? ops.unansweredLog;
  if (file === undefined)
    return {
      found: false,
      why: 'The unanswered log is off (POLICYBOT_UNANSWERED_LOG=off); give one with --file.',
    };
  const shared = options.file === undefined && ops.redis !== undefined;
  const path = resolve(file);
  const lines = shared ? await readSharedLog(ops, options.since) : [];
  if (logFiles(path).length === 0 && lines.length === 0)
    return {
      found: false,
      why: `No unanswered log at ${path}${existsSync(path) ? '' : ' (nothing recorded yet?)'}${shared ? ' nor in Redis' : ''}.`,
    };
  const fromFile = readRecords(path, options.since);
  const fromLog = parseLines(lines, options.since);
  return {
    found: true,
    path,
    shared,
    records: lastMarks(
      onceEach([...fromLog.records, ...fromFile.records]).sort((a, b) => a.time.localeCompare(b.time)),
    ),
    skipped: fromFile.skipped + fromLog.skipped,
  };
}

/** The records every replica appended to the shared log (a Redis stream), oldest first. */
async function readSharedLog(ops: OpsConfig, since: Date | undefined): Promise<string[]> {
  // A report reads in batches of thousands: more time per call than a question's 100 ms.
  const state = await openStateStore(ops, { logger: silentLogger, timeoutMs: 10_000 });
  try {
    return (await state.log?.read(SHARED_LOG_NAME, since)) ?? [];
  } finally {
    await state.close();
  }
}

/**
 * One person's marks on one answer count once, as the last of them: /bad then /good is helpful.
 * The record keeps every mark (it is append-only, and replicas write apart), so readers drop the
 * ones a later mark by the same person on the same answer superseded. Records are oldest first;
 * marks from before `ref` was recorded cannot be told apart and all count.
 */
export function lastMarks(records: readonly UnansweredRecord[]): UnansweredRecord[] {
  const last = new Map<string, UnansweredRecord>();
  for (const r of records)
    if (r.reason === 'feedback' && r.ref !== undefined) last.set(`${r.ref}\u0000${r.user ?? ''}`, r);
  return records.filter(
    (r) => r.reason !== 'feedback' || r.ref === undefined || last.get(`${r.ref}\u0000${r.user ?? ''}`) === r,
  );
}
