import type { IntentId } from '../../knowledge/ids.js';
import type { KnowledgeBase, Source, Topic } from '../../knowledge/types.js';
import { relayOf } from './reference.js';

/** The files reference managers import (Zotero's data formats): one record per source. */
export const RECORD_FORMATS = ['bibtex', 'ris', 'csl-json'] as const;
export type RecordFormat = (typeof RECORD_FORMATS)[number];

/** A file's extension and media type, for a download. */
export const RECORD_FILES: Readonly<
  Record<RecordFormat, { readonly extension: string; readonly type: string }>
> = {
  bibtex: { extension: 'bib', type: 'application/x-bibtex' },
  ris: { extension: 'ris', type: 'application/x-research-info-systems' },
  'csl-json': { extension: 'json', type: 'application/vnd.citationstyles.csl+json' },
};

/** A source as cited: as itself, or (a second-hand quote) as quoted in the page that relays it. */
export interface CitedSource {
  readonly source: Source;
  readonly via?: Source;
}

/**
 * What a topic cites, as `cite` does: a topic about a source cites that source as itself; else the
 * sources of its quotes (a second-hand one as quoted in its relay), or of its facts when it has no
 * quote.
 */
export function citedSources(kb: KnowledgeBase, topic: Topic): CitedSource[] {
  const about = topic.source === undefined ? undefined : kb.sources.get(topic.source);
  if (about !== undefined) return [{ source: about }];
  const ids = [...new Set((topic.quotes.length > 0 ? topic.quotes : topic.background).map((q) => q.source))];
  return ids.flatMap((id) => {
    const source = kb.sources.get(id);
    if (source === undefined) return [];
    const via = relayOf(kb, source);
    return [via === undefined ? { source } : { source, via }];
  });
}

/**
 * The records of several topics as one file: every source they cite once (the first form met wins,
 * so a source is never two records under one key), and the page that relays a second-hand quote as
 * a record of its own. Unknown topic ids are skipped; the caller says which it kept.
 */
export async function topicRecords(
  kb: KnowledgeBase,
  topics: readonly IntentId[],
  format: RecordFormat,
): Promise<string> {
  const cited = topics.flatMap((id) => {
    const topic = kb.topics.get(id);
    return topic === undefined ? [] : citedSources(kb, topic);
  });
  const { renderRecords } = await import('./render.js');
  return renderRecords(cited, format);
}
