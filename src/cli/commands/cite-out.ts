import { writeFileSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { type CitedSource, citedSources, type RecordFormat } from '../../core/citations/records.js';
import { formatReference } from '../../core/citations/reference.js';
import type { CitationStyle } from '../../core/citations/styles.js';
import type { PolicyAssistant } from '../../core/index.js';

const FORMATS: Readonly<Record<string, RecordFormat | 'txt'>> = {
  '.bib': 'bibtex',
  '.ris': 'ris',
  '.json': 'csl-json',
  '.txt': 'txt',
};

/** What `cite … --out FILE` wrote, or why it wrote nothing. */
export type CiteOutResult =
  | { readonly ok: true; readonly path: string; readonly sources: number }
  | { readonly ok: false; readonly message: string };

/**
 * `policybot cite ransomware, fentanyl --out memo.bib`: the sources of one topic or several
 * (comma-separated), each once, as a file a reference manager imports (.bib, .ris, .json) or as a
 * reference list (.txt, in the style chosen). Text that names nothing is said, not skipped.
 */
export async function citeToFile(
  assistant: PolicyAssistant,
  query: string,
  file: string,
  style: CitationStyle | undefined,
  cwd: string,
): Promise<CiteOutResult> {
  const format = FORMATS[extname(file).toLowerCase()];
  if (format === undefined) return { ok: false, message: 'The file must end in .bib, .ris, .json or .txt.' };
  const kb = assistant.knowledgeBase;
  const cited: CitedSource[] = [];
  for (const part of query
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const result = await assistant.cite(part, style);
    if (result.kind === 'topic') {
      const topic = kb.topics.get(result.topic.intent);
      if (topic !== undefined) cited.push(...citedSources(kb, topic));
    } else if (result.kind === 'source') {
      for (const s of result.sources) {
        const source = kb.sources.get(s.id);
        if (source !== undefined) cited.push({ source });
      }
    } else return { ok: false, message: `Nothing to cite for “${part}”.` };
  }
  const { renderRecords } = await import('../../core/citations/render.js');
  let text: string;
  if (format === 'txt') {
    const chosen = style ?? assistant.defaultStyle;
    const seen = new Set<string>();
    const entries: string[] = [];
    for (const { source, via } of cited) {
      const { entry } = await formatReference(source, via, chosen);
      if (!seen.has(entry)) entries.push(entry);
      seen.add(entry);
    }
    text = entries.join('\n\n');
  } else text = renderRecords(cited, format);
  const path = resolve(cwd, file);
  writeFileSync(path, `${text}\n`);
  return { ok: true, path, sources: new Set(cited.map((c) => c.source.id)).size };
}
