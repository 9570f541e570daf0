import { existsSync, readFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { KnowledgeBaseError, type KnowledgeBaseProblem } from './errors.js';
import { CONTENT_GROUPS, FALLBACK_ID, followUpOf, type IntentId } from './ids.js';
import { loadLanguage } from './language.js';
import { limitsFileSchema } from './language-schema.js';
import { fieldOf, type Report, readYaml, validate, yamlFiles } from './read.js';
import {
  intentFileSchema,
  sourceNameClashes,
  sourceSchema,
  sourcesFileSchema,
  topicSchema,
} from './schema.js';
import type { KnowledgeBase, Limit, Source, Topic, TrainingExample } from './types.js';

export interface KnowledgeBasePaths {
  /** The folder that holds `intents/` and `content/` (the project root). */
  readonly root: string;
}

/**
 * Reads and validates `intents/` and `content/`. Every problem is collected before failing, so a
 * curator sees all of them at once: one line each, naming the file, the entry by its id, and the
 * field. A file that cannot be read at all is one problem, not one for everything that refers to it.
 */
export function loadKnowledgeBase({ root }: KnowledgeBasePaths): KnowledgeBase {
  const problems: KnowledgeBaseProblem[] = [];
  const report: Report = (file, field, message) => {
    const where = relative(root, file) || file;
    // One problem once: a cascade of the same words helps nobody.
    if (!problems.some((p) => p.file === where && p.field === field && p.message === message))
      problems.push({ file: where, field, message });
  };

  const sources = loadSources(root, report);
  const { topics, broken } = loadTopics(root, report);
  const examples = loadIntents(root, report);
  const language = loadLanguage(root, report);
  const limits = loadLimits(root, report);

  crossCheck(root, topics, broken, sources, examples, report);
  // The quote checker's authors are sources: a name for a source that does not exist credits nobody.
  const unread = brokenSources.get(sources) ?? new Set<string>();
  for (const [field, ids] of [
    ['authors', Object.keys(language.attribution.authors)],
    ['defaults', Object.keys(language.attribution.defaults)],
  ] as const) {
    for (const id of ids) {
      if (!sources.has(id) && !unread.has(id))
        report(
          join(root, 'intents', 'language', 'attribution.yaml'),
          `${field}.${id}`,
          `source "${id}" does not exist in content/sources.yaml`,
        );
    }
  }
  if (problems.length > 0) throw new KnowledgeBaseError(problems);

  return {
    sources: new Map([...sources.values()].map((s) => [s.source.id, s.source])),
    topics: new Map([...topics.values()].map((t) => [t.topic.id, t.topic])),
    examples,
    language,
    limits,
  };
}

interface Located {
  readonly file: string;
}

/** Ids of sources whose entry did not validate: what cites them is not reported again. */
const brokenSources = new WeakMap<Map<string, Located & { source: Source }>, Set<string>>();

function loadSources(root: string, report: Report): Map<string, Located & { source: Source }> {
  const file = join(root, 'content', 'sources.yaml');
  const data = readYaml(file, report);
  const list = validate(sourcesFileSchema, data, file, report) ?? [];
  // Each source on its own: one bad entry is one problem, and every good one stays usable.
  const broken = new Set<string>();
  const entries = list.flatMap((raw, index) => {
    const result = sourceSchema.safeParse(raw);
    if (result.success) return [result.data];
    for (const issue of result.error.issues)
      report(file, fieldOf(data, [index, ...issue.path]), issue.message);
    const id = (raw as { id?: unknown } | null)?.id;
    if (typeof id === 'string') broken.add(id);
    return [];
  });
  for (const clash of sourceNameClashes(list)) report(file, `${clash.id}: ${clash.field}`, clash.message);
  const byId = new Map<string, Located & { source: Source }>();
  brokenSources.set(byId, broken);
  for (const entry of entries) {
    if (byId.has(entry.id)) {
      report(file, entry.id, 'is listed twice: source ids must be unique');
      continue;
    }
    let storedText: string | undefined;
    if (entry.text !== undefined) {
      try {
        storedText = readFileSync(join(root, 'content', entry.text), 'utf8');
      } catch {
        report(file, `${entry.id}: text`, `stored text "content/${entry.text}" cannot be read`);
      }
    }
    byId.set(entry.id, { file, source: storedText === undefined ? entry : { ...entry, storedText } });
  }
  // A source quoted by another page is quoted from that page's stored text.
  for (const [id, located] of byId) {
    const via = located.source.quotedIn;
    if (via === undefined) continue;
    const host = byId.get(via);
    if (!host) {
      report(file, `${id}: quotedIn`, `source "${via}" does not exist`);
    } else if (host.source.storedText !== undefined && located.source.storedText === undefined) {
      byId.set(id, { ...located, source: { ...located.source, storedText: host.source.storedText } });
    }
  }
  return byId;
}

/**
 * Every file of `content/topics/`, one topic each. `broken` holds the ids (from file names) of
 * topics whose file did not validate, so that what refers to them is not reported again.
 */
function loadTopics(
  root: string,
  report: Report,
): { topics: Map<IntentId, Located & { topic: Topic }>; broken: Set<string> } {
  const dir = join(root, 'content', 'topics');
  const topics = new Map<IntentId, Located & { topic: Topic }>();
  const broken = new Set<string>();
  for (const file of yamlFiles(dir, report)) {
    const named = basename(file).replace(/\.ya?ml$/, '');
    const entry = validate(topicSchema, readYaml(file, report), file, report);
    if (!entry) {
      broken.add(named);
      continue;
    }
    if (entry.id !== named) {
      report(file, 'id', `"${entry.id}" must match the file name: rename the file to ${entry.id}.yaml`);
      broken.add(named);
      continue;
    }
    const { names, role, order, source, ...rest } = entry;
    const topic: Topic = {
      ...rest,
      names,
      detail: entry.detail,
      ...(role === undefined ? {} : { role }),
      ...(order === undefined ? {} : { order }),
      ...(source === undefined ? {} : { source }),
    };
    topics.set(entry.id, { file, topic });
  }
  return { topics, broken };
}

function loadIntents(root: string, report: Report): TrainingExample[] {
  const examples: TrainingExample[] = [];
  const seen = new Map<string, { intent: IntentId; where: string }>();
  const files = yamlFiles(join(root, 'intents'), report);
  if (files.length === 0) report(join(root, 'intents'), '', 'has no .yaml files');
  for (const file of files) {
    const entries = validate(intentFileSchema, readYaml(file, report), file, report) ?? [];
    for (const entry of entries) {
      entry.utterances.forEach((utterance, j) => {
        const text = typeof utterance === 'string' ? utterance : utterance.text;
        const key = text.trim().toLowerCase().replace(/\s+/g, ' ');
        const where = `${relative(root, file)}: ${entry.id}: utterances[${j}]`;
        const previous = seen.get(key);
        if (previous && previous.intent !== entry.id) {
          report(file, `${entry.id}: utterances[${j}]`, `"${text}" is also a phrase of ${previous.where}`);
          return;
        }
        if (previous) return;
        seen.set(key, { intent: entry.id, where });
        examples.push({
          intent: entry.id,
          text,
          file: relative(root, file),
          ...(typeof utterance === 'string' || utterance.exception === undefined
            ? {}
            : { exception: utterance.exception }),
          ...(typeof utterance === 'string' || utterance.followUp === undefined
            ? {}
            : { followUp: utterance.followUp }),
        });
      });
    }
  }
  return examples;
}

/** `intents/language/`: each file is optional (an empty table), and validated when present. */
function loadLimits(root: string, report: Report): Limit[] {
  const file = join(root, 'content', 'limits.yaml');
  if (!existsSync(file)) return [];
  return validate(limitsFileSchema, readYaml(file, report), file, report) ?? [];
}

function crossCheck(
  root: string,
  topics: Map<IntentId, Located & { topic: Topic }>,
  broken: ReadonlySet<string>,
  sources: Map<string, Located & { source: Source }>,
  examples: readonly TrainingExample[],
  report: Report,
): void {
  const exists = (id: string): boolean => topics.has(id) || broken.has(id);
  const unreadSources = brokenSources.get(sources) ?? new Set<string>();
  const texts = [...sources.values()].flatMap((s) =>
    s.source.storedText === undefined ? [] : [s.source.storedText],
  );
  for (const { file, topic } of topics.values()) {
    topic.related.forEach((id, i) => {
      if (id === topic.id) report(file, `related[${i}]`, 'a topic cannot be related to itself');
      else if (!exists(id)) report(file, `related[${i}]`, `topic "${id}" does not exist in content/topics/`);
    });
    if (topic.source !== undefined && !sources.has(topic.source) && !unreadSources.has(topic.source))
      report(file, 'source', `source "${topic.source}" does not exist in content/sources.yaml`);
    checkRole(file, topic, report);
    const cited = (list: readonly { text: string; source: string }[], field: string, verbatim: boolean) => {
      list.forEach((quote, i) => {
        const source = sources.get(quote.source)?.source;
        if (!source) {
          if (!unreadSources.has(quote.source))
            report(
              file,
              `${field}[${i}].source`,
              `source "${quote.source}" does not exist in content/sources.yaml`,
            );
          return;
        }
        if (!verbatim) return;
        if (source.storedText === undefined) {
          report(file, `${field}[${i}].source`, `source "${quote.source}" has no stored text to quote from`);
        } else if (!containsVerbatim(source.storedText, quote.text)) {
          report(
            file,
            `${field}[${i}].text`,
            `is not found verbatim in the stored text of "${quote.source}"`,
          );
        }
      });
    };
    cited(topic.quotes, 'quotes', true);
    cited(topic.background, 'background', false);
    // A "> " line in the detail shows words as quoted, so it is held to the same rule as `quotes`.
    (topic.detail ?? '').split('\n').forEach((line, i) => {
      if (!line.startsWith('> ')) return;
      const quoted = line
        .slice(2)
        .trim()
        .replace(/^[“"]|[”"]$/g, '');
      if (unreadSources.size === 0 && !texts.some((text) => containsVerbatim(text, quoted))) {
        report(
          file,
          'detail',
          `line ${i + 1} is set as a quote but is not found verbatim in any stored source text`,
        );
      }
    });
  }

  const topicsDir = join(root, 'content', 'topics');
  if (!exists(FALLBACK_ID))
    report(join(topicsDir, `${FALLBACK_ID}.yaml`), '', 'is missing: it says what the bot declines and why');
  else if (
    topics.get(FALLBACK_ID)?.topic.group === undefined ||
    topics.get(FALLBACK_ID)?.topic.group !== 'fallback'
  )
    if (topics.has(FALLBACK_ID)) report(join(topicsDir, `${FALLBACK_ID}.yaml`), 'group', 'must be fallback');
  const helps = [...topics.values()].filter((t) => t.topic.role === 'help');
  if (helps.length === 0 && broken.size === 0)
    report(topicsDir, '', 'no topic has role: help (the answer to "what can you do")');

  // Every intent's phrases name a topic that exists, `fallback`, or a follow-up.
  const trained = new Set<string>();
  const reportedIds = new Set<string>();
  for (const example of examples) {
    trained.add(example.intent);
    const known = exists(example.intent) || followUpOf(example.intent) !== undefined;
    if (!known && !reportedIds.has(`${example.file}:${example.intent}`)) {
      reportedIds.add(`${example.file}:${example.intent}`);
      report(
        join(root, example.file),
        example.intent,
        `no topic "${example.intent}" in content/topics/ (and not a follow-up: followup.more, .source, .solutions, .threats)`,
      );
    }
  }
  for (const example of examples) {
    if (example.followUp === undefined || broken.has(example.intent)) continue;
    const group = topics.get(example.intent)?.topic.group;
    if (group === undefined || !CONTENT_GROUPS.includes(group))
      report(
        join(root, example.file),
        example.intent,
        `"${example.text}": followUp belongs to a phrase of a topic people ask about`,
      );
  }
  for (const { file, topic } of topics.values()) {
    const askable = CONTENT_GROUPS.includes(topic.group) || topic.group === 'bot';
    if (askable && !trained.has(topic.id))
      report(
        file,
        '',
        `topic "${topic.id}" has no training phrases in intents/: add some, or people cannot reach it`,
      );
  }
}

/** A role belongs to its groups: an overview to threats or solutions, help/greeting/thanks to the bot. */
function checkRole(file: string, topic: Topic, report: Report): void {
  if (topic.role === undefined) return;
  const bot = topic.role === 'help' || topic.role === 'greeting' || topic.role === 'thanks';
  if (bot && topic.group !== 'bot') report(file, 'role', `role ${topic.role} belongs to group bot`);
  if (topic.role === 'overview' && !CONTENT_GROUPS.includes(topic.group))
    report(
      file,
      'role',
      'an overview belongs to a group people ask about (threat, solution, source, related)',
    );
}

/** Exact match, except that runs of white space (line wrapping) are treated as one space. */
export function containsVerbatim(haystack: string, needle: string): boolean {
  const fold = (s: string): string => s.replace(/\s+/g, ' ').trim();
  return fold(haystack).includes(fold(needle));
}
