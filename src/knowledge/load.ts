import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import type { z } from 'zod';
import { fieldPath, KnowledgeBaseError, type KnowledgeBaseProblem } from './errors.js';
import { CONTENT_INTENT_IDS, FALLBACK_ID, groupOf, type IntentId } from './ids.js';
import { intentFileSchema, sourcesFileSchema, type TopicEntry, topicSchema } from './schema.js';
import type { KnowledgeBase, Source, Topic, TrainingExample } from './types.js';

export interface KnowledgeBasePaths {
  /** The folder that holds `intents/` and `content/` (the project root). */
  readonly root: string;
}

/**
 * Reads and validates `intents/` and `content/`. Every problem is collected before failing, so a
 * curator sees all of them at once, each with its file and field.
 */
export function loadKnowledgeBase({ root }: KnowledgeBasePaths): KnowledgeBase {
  const problems: KnowledgeBaseProblem[] = [];
  const report = (file: string, field: string, message: string): void => {
    problems.push({ file: relative(root, file) || file, field, message });
  };

  const sources = loadSources(root, report);
  const topics = loadTopics(root, report);
  const examples = loadIntents(root, report);

  if (problems.length === 0) crossCheck(root, topics, sources, examples, report);
  if (problems.length > 0) throw new KnowledgeBaseError(problems);

  return {
    sources: new Map([...sources.values()].map((s) => [s.source.id, s.source])),
    topics: new Map([...topics.values()].map((t) => [t.topic.id, t.topic])),
    examples,
  };
}

type Report = (file: string, field: string, message: string) => void;

function readYaml(file: string, report: Report): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    report(file, '', `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
    return undefined;
  }
  try {
    return parseYaml(text, { prettyErrors: true });
  } catch (error) {
    const where = error instanceof YAMLParseError && error.linePos ? `line ${error.linePos[0].line}` : '';
    report(file, where, `is not valid YAML: ${(error as Error).message.split('\n')[0]}`);
    return undefined;
  }
}

function validate<T>(schema: z.ZodType<T>, data: unknown, file: string, report: Report): T | undefined {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  for (const issue of result.error.issues) report(file, fieldPath(issue.path), issue.message);
  return undefined;
}

function yamlFiles(dir: string, report: Report): string[] {
  try {
    return readdirSync(dir)
      .filter((name) => /\.ya?ml$/.test(name))
      .sort()
      .map((name) => join(dir, name));
  } catch {
    report(dir, '', 'folder is missing');
    return [];
  }
}

interface Located {
  readonly file: string;
  readonly index: number;
}

function loadSources(root: string, report: Report): Map<string, Located & { source: Source }> {
  const file = join(root, 'content', 'sources.yaml');
  const entries = validate(sourcesFileSchema, readYaml(file, report), file, report) ?? [];
  const byId = new Map<string, Located & { source: Source }>();
  entries.forEach((entry, index) => {
    if (byId.has(entry.id)) {
      report(file, `[${index}].id`, `duplicate source id "${entry.id}"`);
      return;
    }
    let storedText: string | undefined;
    if (entry.text !== undefined) {
      try {
        storedText = readFileSync(join(root, 'content', entry.text), 'utf8');
      } catch {
        report(file, `[${index}].text`, `stored text "content/${entry.text}" cannot be read`);
      }
    }
    byId.set(entry.id, { file, index, source: storedText === undefined ? entry : { ...entry, storedText } });
  });
  // A source quoted by another page is quoted from that page's stored text.
  for (const [id, located] of byId) {
    const via = located.source.quotedIn;
    if (via === undefined) continue;
    const host = byId.get(via);
    if (!host) {
      report(file, `[${located.index}].quotedIn`, `source "${via}" does not exist`);
    } else if (host.source.storedText !== undefined && located.source.storedText === undefined) {
      byId.set(id, { ...located, source: { ...located.source, storedText: host.source.storedText } });
    }
  }
  return byId;
}

function loadTopics(root: string, report: Report): Map<IntentId, Located & { topic: Topic }> {
  const dir = join(root, 'content', 'topics');
  const byId = new Map<IntentId, Located & { topic: Topic }>();
  for (const file of yamlFiles(dir, report)) {
    const entry: TopicEntry | undefined = validate(topicSchema, readYaml(file, report), file, report);
    if (!entry) continue;
    const expectedName = `${entry.id}.yaml`;
    if (!file.endsWith(`/${expectedName}`)) report(file, 'id', `"${entry.id}" belongs in ${expectedName}`);
    if (byId.has(entry.id)) {
      report(
        file,
        'id',
        `duplicate topic "${entry.id}" (also in ${relative(root, byId.get(entry.id)?.file ?? '')})`,
      );
      continue;
    }
    byId.set(entry.id, {
      file,
      index: 0,
      topic: { ...entry, detail: entry.detail, group: groupOf(entry.id) },
    });
  }
  const required: readonly IntentId[] = [
    ...CONTENT_INTENT_IDS,
    'bot.help',
    'bot.greeting',
    'bot.thanks',
    FALLBACK_ID,
  ];
  for (const id of required)
    if (!byId.has(id)) report(join(dir, `${id}.yaml`), '', `is missing: every intent needs a topic`);
  return byId;
}

function loadIntents(root: string, report: Report): TrainingExample[] {
  const examples: TrainingExample[] = [];
  const seen = new Map<string, { intent: IntentId; where: string }>();
  const files = yamlFiles(join(root, 'intents'), report);
  if (files.length === 0) report(join(root, 'intents'), '', 'has no .yaml files');
  for (const file of files) {
    const entries = validate(intentFileSchema, readYaml(file, report), file, report) ?? [];
    entries.forEach((entry, i) => {
      entry.utterances.forEach((text, j) => {
        const key = text.trim().toLowerCase().replace(/\s+/g, ' ');
        const where = `${relative(root, file)} [${i}].utterances[${j}]`;
        const previous = seen.get(key);
        if (previous && previous.intent !== entry.id) {
          report(
            file,
            `[${i}].utterances[${j}]`,
            `"${text}" is also a phrase of ${previous.intent} (${previous.where})`,
          );
          return;
        }
        if (previous) return;
        seen.set(key, { intent: entry.id, where });
        examples.push({ intent: entry.id, text, file: relative(root, file) });
      });
    });
  }
  return examples;
}

function crossCheck(
  root: string,
  topics: Map<IntentId, Located & { topic: Topic }>,
  sources: Map<string, Located & { source: Source }>,
  examples: readonly TrainingExample[],
  report: Report,
): void {
  for (const { file, topic } of topics.values()) {
    topic.related.forEach((id, i) => {
      if (!topics.has(id)) report(file, `related[${i}]`, `topic "${id}" does not exist`);
      if (id === topic.id) report(file, `related[${i}]`, 'a topic cannot be related to itself');
    });
    const cited = (
      list: readonly { text: string; source: string }[],
      field: string,
      verbatim: boolean,
    ): void => {
      list.forEach((quote, i) => {
        const source = sources.get(quote.source)?.source;
        if (!source) {
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
    const texts = [...sources.values()].flatMap((s) =>
      s.source.storedText === undefined ? [] : [s.source.storedText],
    );
    (topic.detail ?? '').split('\n').forEach((line, i) => {
      if (!line.startsWith('> ')) return;
      const quoted = line
        .slice(2)
        .trim()
        .replace(/^[“"]|[”"]$/g, '');
      if (!texts.some((text) => containsVerbatim(text, quoted))) {
        report(
          file,
          'detail',
          `line ${i + 1} is set as a quote but is not found verbatim in any stored source text`,
        );
      }
    });
  }
  const trained = new Set(examples.map((e) => e.intent));
  for (const id of [...CONTENT_INTENT_IDS, 'bot.help', 'bot.greeting', 'bot.thanks'] as const) {
    if (!trained.has(id)) report(join(root, 'intents'), '', `intent "${id}" has no training phrases`);
  }
}

/** Exact match, except that runs of white space (line wrapping) are treated as one space. */
export function containsVerbatim(haystack: string, needle: string): boolean {
  const fold = (s: string): string => s.replace(/\s+/g, ' ').trim();
  return fold(haystack).includes(fold(needle));
}
