import { parseArgs } from 'node:util';
import { loadCoreConfig } from '../../config/core.js';
import { ConfigError } from '../../config/errors.js';
import { loadOpsConfig } from '../../config/ops.js';
import { readCuratorsRecord } from '../../ops/curators-record.js';
import { buildReport, parseSince, type ReportGroup } from '../../ops/report.js';
import { assistantFrom, openKnowledge } from '../../runtime/open.js';
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
    const read = await readCuratorsRecord(loadOpsConfig(io.env), { file: values.file, since });
    if (!read.found) {
      writeLine(io.stderr, read.why);
      return 1;
    }
    const { records: all, skipped, path, shared } = read;
    // What it could not answer, and apart from it, answers the person who asked said did not help.
    const records = all.filter((r) => r.reason !== 'feedback');
    const marked = all.filter((r) => r.reason === 'feedback' && r.value === 'not-helpful');
    const config = await loadCoreConfig(io.env);
    const opened = await openKnowledge(io.env, config);
    const { model } = opened;
    const assistant = assistantFrom(opened, config);
    const groups = buildReport(records, model.normalizer, assistant);
    const shown = groups.slice(0, top);
    const notHelpful = buildReport(marked, model.normalizer, assistant).slice(0, top);
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
          notHelpful: { total: marked.length, groups: notHelpful },
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
    if (marked.length > 0) {
      writeLine(
        io.stdout,
        `\nAnswers marked not helpful ${period}: ${marked.length} in ${notHelpful.length} group${notHelpful.length === 1 ? '' : 's'}`,
      );
      for (const [i, group] of notHelpful.entries()) {
        const answered = [
          ...new Set(
            marked.filter((r) => group.questions.some((q) => q.text === r.question)).map((r) => r.intent),
          ),
        ];
        writeLine(io.stdout, `${formatGroup(group, i + 1, false)}\n     answered as: ${answered.join(', ')}`);
      }
    }
    writeLine(io.stdout, '\nTurn these into phrases with: policybot learn');
    return 0;
  },
} satisfies Command;

function formatGroup(group: ReportGroup, rank: number, withHistory = true): string {
  const people = `${group.people} ${group.people === 1 ? 'person' : 'people'}`;
  const lines = [``, `${String(rank).padStart(2)}. ${group.count}× (${people})  “${group.example}”`];
  const pad = '     ';
  lines.push(
    group.nearest === null
      ? `${pad}nearest topic: none`
      : `${pad}nearest topic: ${group.nearest.intent} “${group.nearest.title}” (score ${group.nearest.score.toFixed(2)})`,
  );
  const history = withHistory ? historyLine(group) : undefined;
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
