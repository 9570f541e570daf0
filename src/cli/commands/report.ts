import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadCoreConfig } from '../../config/core.js';
import { ConfigError } from '../../config/errors.js';
import { loadOpsConfig, type OpsConfig } from '../../config/ops.js';
import { buildReport, parseSince, type ReportGroup } from '../../ops/report.js';
import { logFiles, parseLines, readRecords, SHARED_LOG_NAME } from '../../ops/unanswered.js';
import { silentLogger } from '../../runtime/logger.js';
import { assistantFrom, openKnowledge } from '../../runtime/open.js';
import { openStateStore } from '../../state/open.js';
import { type Command, writeLine } from '../io.js';

export const report = {
  name: 'report',
  summary: 'the most frequent questions it could not answer, grouped, with the nearest topic',
  usage: 'policybot report [--since 7d|12h|2w|DATE|all] [--file PATH] [--top N] [--json]',
  async run(args, io) {
    const { values } = parseArgs({
      args: [...args],
      options: {
        since: { type: 'string', default: '7d' },
        file: { type: 'string' },
        top: { type: 'string', default: '20' },
        json: { type: 'boolean' },
      },
      strict: true,
    });
    let since: Date | undefined;
    try {
      since = parseSince(values.since);
    } catch (error) {
      throw new ConfigError((error as Error).message);
    }
    const top = Number(values.top);
    if (!Number.isInteger(top) || top < 1)
      throw new ConfigError('--top: must be a whole number of at least 1');
    const ops = loadOpsConfig(io.env);
    const file = values.file ?? ops.unansweredLog;
    // Replicas sharing Redis record into its stream (and into their own file while it is away):
    // read both, unless one file was asked for.
    const shared = values.file === undefined && ops.redis !== undefined && ops.unansweredLog !== undefined;
    if (file === undefined) {
      writeLine(io.stderr, 'The unanswered log is off (POLICYBOT_UNANSWERED_LOG=off); give one with --file.');
      return 1;
    }
    const path = resolve(file);
    const lines = shared ? await readSharedLog(ops, since) : [];
    if (logFiles(path).length === 0 && lines.length === 0) {
      writeLine(
        io.stderr,
        `No unanswered log at ${path}${existsSync(path) ? '' : ' (nothing recorded yet?)'}${shared ? ' nor in Redis' : ''}.`,
      );
      return 1;
    }
    const fromFile = readRecords(path, since);
    const fromLog = parseLines(lines, since);
    const records = [...fromLog.records, ...fromFile.records].sort((a, b) => a.time.localeCompare(b.time));
    const skipped = fromFile.skipped + fromLog.skipped;
    const config = await loadCoreConfig(io.env);
    const opened = await openKnowledge(io.env, config);
    const { model } = opened;
    const assistant = assistantFrom(opened, config);
    const groups = buildReport(records, model.normalizer, assistant);
    const shown = groups.slice(0, top);
    if (values.json) {
      writeLine(
        io.stdout,
        JSON.stringify({
          since: since?.toISOString() ?? null,
          file: path,
          ...(shared ? { redis: true } : {}),
          total: records.length,
          skipped,
          groups: shown,
        }),
      );
      return 0;
    }
    const period =
      since === undefined ? 'ever' : `since ${since.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
    writeLine(
      io.stdout,
      `Unanswered questions ${period}: ${records.length} in ${groups.length} group${groups.length === 1 ? '' : 's'}` +
        (skipped > 0 ? ` (${skipped} unreadable line${skipped === 1 ? '' : 's'} skipped)` : '') +
        (groups.length > top ? `; the ${top} most frequent:` : ''),
    );
    for (const [i, group] of shown.entries()) writeLine(io.stdout, formatGroup(group, i + 1));
    return 0;
  },
} satisfies Command;

function formatGroup(group: ReportGroup, rank: number): string {
  const people = `${group.people} ${group.people === 1 ? 'person' : 'people'}`;
  const lines = [``, `${String(rank).padStart(2)}. ${group.count}× (${people})  “${group.example}”`];
  const pad = '     ';
  lines.push(
    group.nearest === null
      ? `${pad}nearest topic: none`
      : `${pad}nearest topic: ${group.nearest.intent} “${group.nearest.title}” (score ${group.nearest.score.toFixed(2)})`,
  );
  const history = historyLine(group);
  if (history !== undefined) lines.push(`${pad}${history}`);
  const others = group.questions.slice(1, 4).map((q) => `“${q.text}”${q.count > 1 ? ` ×${q.count}` : ''}`);
  if (others.length > 0) {
    const more = group.questions.length - 1 - others.length;
    lines.push(`${pad}also: ${others.join(', ')}${more > 0 ? ` and ${more} more` : ''}`);
  }
  lines.push(`${pad}last asked ${group.lastSeen.slice(0, 16).replace('T', ' ')} UTC`);
  return lines.join('\n');
}

/**
 * What happened when it was asked beside what happens now, in the record's own terms: a question
 * declined then and answered now points to content added since; one answered then, only with low
 * confidence, does not.
 */
export function historyLine(group: ReportGroup): string | undefined {
  const { declined, lowConfidence, answeredBy } = group.asked;
  const by = answeredBy.length > 0 ? ` by ${answeredBy.join(', ')}` : '';
  const then =
    lowConfidence === 0
      ? 'declined when asked'
      : declined === 0
        ? `answered${by} with low confidence when asked`
        : `declined ${declined}× and answered ${lowConfidence}×${by} with low confidence when asked`;
  if (group.now === null) return lowConfidence > 0 ? `${then}; declined now` : undefined;
  const now = `answered now by ${group.now.intent} (confidence ${group.now.confidence.toFixed(2)})`;
  return lowConfidence === 0 ? `${then}; ${now}: content added since?` : `${then}; ${now}`;
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
