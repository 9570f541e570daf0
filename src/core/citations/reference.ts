import type { KnowledgeBase, Source } from '../../knowledge/types.js';
import { markdownReference, plainReference } from './plain.js';
import { type CitationStyle, ENGINE_STYLES } from './styles.js';

/** A reference to one source in one style, in the parts a writer pastes into different places. */
export interface FormattedReference {
  readonly style: CitationStyle;
  /** The source cited: for a quote, the source whose words they are. */
  readonly sourceId: string;
  /** The page through which we hold the source's words, when it is not the source itself. */
  readonly via?: string;
  /**
   * The entry for the end of the document: Chicago's bibliography entry, APA's reference-list entry,
   * MLA's Works Cited entry (for a second-hand quote in APA and MLA, the entry of the page that
   * quotes it, as those styles require); the records themselves for BibTeX and CSL-JSON.
   */
  readonly entry: string;
  /** Chicago: the short footnote (CMOS 17 allows it even for a first citation when there is a bibliography). */
  readonly note?: string;
  /** Chicago: the full footnote, for a source's first citation in a document. */
  readonly fullNote?: string;
  /**
   * BibTeX, CSL-JSON, RIS for a second-hand quote: the source's own record (its note says where it
   * is quoted), without the relaying page's record that `entry` carries too. A list of records
   * (a conversation's bibliography) holds each source once.
   */
  readonly single?: string;
  /** APA and MLA: the parenthetical citation for the sentence. */
  readonly inText?: string;
  /** MLA, second-hand quote: whom to name in the sentence, since "(qtd. in …)" names only the relay. */
  readonly nameInText?: string;
  /** The same parts in HTML (titles in <i>), for the styles that italicize. */
  readonly html?: { readonly entry: string; readonly note?: string; readonly inText?: string };
  /** Everything on one line: what `Answer.citations[].reference` carries. */
  readonly line: string;
}

/**
 * The parts of a reference an answer carries (what the start-up cache keeps per source and style):
 * the entry, and the in-text and note forms where the style has them.
 */
export interface ReferenceParts {
  readonly entry: string;
  readonly inText?: string;
  readonly nameInText?: string;
  readonly note?: { readonly full: string; readonly short: string };
  /** A record style's record of the source alone (see FormattedReference.single). */
  readonly single?: string;
  /** Everything on one line (the entry, and an in-text form a second-hand quote needs beside it). */
  readonly line: string;
}

export function partsOf(f: FormattedReference): ReferenceParts {
  return {
    entry: f.entry,
    ...(f.inText === undefined ? {} : { inText: f.inText }),
    ...(f.nameInText === undefined ? {} : { nameInText: f.nameInText }),
    ...(f.note === undefined ? {} : { note: { full: f.fullNote ?? f.note, short: f.note } }),
    ...(f.single === undefined ? {} : { single: f.single }),
    line: f.line,
  };
}

/** The source a second-hand quote reaches us through, if any. */
export function relayOf(kb: KnowledgeBase, source: Source): Source | undefined {
  return source.quotedIn === undefined ? undefined : kb.sources.get(source.quotedIn);
}

/** Plain and Markdown need no engine: the fast path, also for the start-up of a one-shot `ask`. */
export function formatWithoutEngine(
  source: Source,
  via: Source | undefined,
  style: 'plain' | 'markdown',
): FormattedReference {
  const entry = style === 'plain' ? plainReference(source, via) : markdownReference(source, via);
  return { style, sourceId: source.id, ...(via ? { via: via.id } : {}), entry, line: entry };
}

/** A reference in any style; citation-js is loaded only for the styles that need it. */
export async function formatReference(
  source: Source,
  via: Source | undefined,
  style: CitationStyle,
): Promise<FormattedReference> {
  if (style === 'plain' || style === 'markdown') return formatWithoutEngine(source, via, style);
  const { renderReference } = await import('./render.js');
  return renderReference(source, via, style);
}

/**
 * Every source's reference parts in a style, by source id (as quoted, for a source we hold
 * second-hand) and by `<id>:self` (such a source as itself): what the start-up cache keeps.
 */
export async function referenceTable(
  kb: KnowledgeBase,
  style: CitationStyle,
): Promise<Record<string, ReferenceParts>> {
  const render = ENGINE_STYLES.has(style) ? (await import('./render.js')).renderReference : undefined;
  const table: Record<string, ReferenceParts> = {};
  const line = (source: Source, via: Source | undefined): ReferenceParts =>
    partsOf(
      render
        ? render(source, via, style, { html: false })
        : formatWithoutEngine(source, via, style as 'plain' | 'markdown'),
    );
  for (const source of kb.sources.values()) {
    const via = relayOf(kb, source);
    table[source.id] = line(source, via);
    // A source we quote second-hand is also cited as itself, where an answer is about it.
    if (via !== undefined) table[`${source.id}:self`] = line(source, undefined);
  }
  return table;
}
