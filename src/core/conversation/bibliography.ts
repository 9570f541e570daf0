import type { KnowledgeBase } from '../../knowledge/types.js';
import type { Reference } from '../answer.js';
import { RECORD_STYLES, referenceOf } from '../citations/cited.js';
import type { ReferenceFormatter } from '../citations/index.js';
import type { CitedSource, RecordFormat } from '../citations/records.js';
import type { CitationStyle } from '../citations/styles.js';
import type { CitedKey } from './store.js';

/** What a conversation has cited: its reference list in a style, and the files a reference manager imports. */
export interface Bibliography {
  readonly style: CitationStyle;
  /** Every source cited, once, ordered as the style wants (alphabetically by entry; records in citing order). */
  readonly references: readonly Reference[];
  /** `.bib`, `.ris`, `.json` (CSL-JSON) and `.txt` (the reference list in `style`, a text style). */
  readonly files: Readonly<Record<'bib' | 'ris' | 'json' | 'txt', string>>;
}

/** The cited keys as sources, unknown ids skipped (a source a reload removed). */
export function citedSourcesOf(kb: KnowledgeBase, cited: readonly CitedKey[]): CitedSource[] {
  return cited.flatMap((c) => {
    const source = kb.sources.get(c.source);
    const via = c.via === undefined ? undefined : kb.sources.get(c.via);
    if (source === undefined) return [];
    return [via === undefined ? { source } : { source, via }];
  });
}

/**
 * The bibliography: each source once (a second-hand quote's source "as quoted in" its relay, the
 * relay as itself), an entry listed once even where two sources share it (APA's and MLA's entry
 * for a second-hand quote is the relay's), and the records as files.
 */
export async function bibliographyOf(
  kb: KnowledgeBase,
  cited: readonly CitedKey[],
  style: CitationStyle,
  format: ReferenceFormatter,
): Promise<Bibliography> {
  const sources = citedSourcesOf(kb, cited);
  // Every relay is listed as itself too: a reader needs the page that quotes the words.
  const all: CitedSource[] = [...sources];
  for (const { via } of sources) {
    if (via !== undefined && !all.some((c) => c.source.id === via.id && c.via === undefined))
      all.push({ source: via });
  }
  const record = RECORD_STYLES.has(style);
  const references: Reference[] = [];
  for (const { source, via } of all) {
    const parts = format(source, via);
    const entry = record ? (parts.single ?? parts.entry) : parts.entry;
    if (references.some((r) => r.entry === entry)) continue;
    references.push(referenceOf(source, via, style, entry, parts));
  }
  if (!record) references.sort((a, b) => a.entry.localeCompare(b.entry, 'en'));
  const { renderRecords } = await import('../citations/render.js');
  const records = (f: RecordFormat): string =>
    all.length === 0 ? '' : renderRecords(all, f, { relays: false });
  const txt = references.map((r) => r.entry).join('\n\n');
  return {
    style,
    references,
    files: {
      bib: records('bibtex'),
      ris: records('ris'),
      json: all.length === 0 ? '[]' : records('csl-json'),
      txt: record ? '' : txt,
    },
  };
}
