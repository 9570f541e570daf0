import type { KnowledgeBase, Quote, Source } from '../../knowledge/types.js';
import type { AnswerFact, AnswerQuote, Block, Reference } from '../answer.js';
import { showsQuote } from '../document/markup.js';
import type { ReferenceFormatter } from './index.js';
import { sourceLabel } from './label.js';
import type { ReferenceParts } from './reference.js';
import type { CitationStyle } from './styles.js';

/** Styles whose references are records for a reference manager, not lines for a reader. */
export const RECORD_STYLES: ReadonlySet<CitationStyle> = new Set<CitationStyle>([
  'bibtex',
  'ris',
  'csl-json',
]);

/** One source's reference in a style: its entry (or record) and the forms for the sentence. */
export function referenceOf(
  source: Source,
  via: Source | undefined,
  style: CitationStyle,
  entry: string,
  parts: ReferenceParts,
  quotes: readonly number[] = [],
): Reference {
  return {
    sourceId: source.id,
    ...(via === undefined ? {} : { via: via.id }),
    style,
    kind: RECORD_STYLES.has(style) ? 'record' : 'text',
    label: sourceLabel(source),
    publisher: source.publisher,
    date: source.date ?? null,
    url: source.url ?? null,
    entry,
    ...(parts.inText === undefined ? {} : { inText: parts.inText }),
    ...(parts.nameInText === undefined ? {} : { nameInText: parts.nameInText }),
    ...(parts.note === undefined ? {} : { note: parts.note }),
    quotes: [...quotes],
  };
}

export interface Cited {
  readonly quotes: AnswerQuote[];
  readonly facts: AnswerFact[];
  readonly references: Reference[];
}

/**
 * An answer's quotes, facts and references: one reference per source, in the order the answer
 * cites them (the source a topic is about first, as itself; then each quote's source; then the
 * pages that relay them and the sources of background facts). A second-hand quote's reference
 * names its relay (`via`); the relay is listed in its own right unless the style's entry for the
 * quote already is the relay's entry (APA's and MLA's reference list give the source consulted).
 */
export function citedFor(
  kb: KnowledgeBase,
  input: {
    readonly quotes: readonly Quote[];
    readonly background?: readonly Quote[];
    readonly about?: string;
    readonly blocks: readonly Block[];
  },
  format: ReferenceFormatter,
  style: CitationStyle,
): Cited {
  const references: Reference[] = [];
  const quotes: AnswerQuote[] = [];
  const record = RECORD_STYLES.has(style);
  const byKey = new Map<string, number>();
  const add = (source: Source, via: Source | undefined, quote?: number): void => {
    const key = `${source.id}|${via?.id ?? ''}`;
    const known = byKey.get(key);
    if (known !== undefined) {
      if (quote !== undefined) {
        const r = references[known] as Reference;
        references[known] = { ...r, quotes: [...r.quotes, quote] };
      }
      return;
    }
    const parts: ReferenceParts = format(source, via);
    const entry = record ? (parts.single ?? parts.entry) : parts.entry;
    // Listed already under another source's name (APA/MLA: a second-hand quote's entry is the relay's).
    if (quote === undefined && references.some((r) => r.entry === entry)) return;
    byKey.set(key, references.length);
    references.push(referenceOf(source, via, style, entry, parts, quote === undefined ? [] : [quote]));
  };
  const subject = input.about === undefined ? undefined : kb.sources.get(input.about);
  if (subject) add(subject, undefined);
  for (const q of input.quotes) {
    const source = kb.sources.get(q.source);
    if (!source) continue;
    const via = source.quotedIn === undefined ? undefined : kb.sources.get(source.quotedIn);
    if (quotes.some((x) => x.text === q.text && x.sourceId === q.source)) continue;
    const index = quotes.length;
    quotes.push({
      text: q.text,
      sourceId: source.id,
      ...(via === undefined ? {} : { via: via.id }),
      shownInText: showsQuote(input.blocks, q.text),
    });
    add(source, via, index);
  }
  const relays = input.quotes
    .map((q) => kb.sources.get(q.source)?.quotedIn)
    .filter((id): id is string => id !== undefined);
  const background = input.background ?? [];
  for (const id of [...relays, ...background.map((b) => b.source)]) {
    const source = kb.sources.get(id);
    if (source && !references.some((r) => r.sourceId === id)) add(source, undefined);
  }
  const facts = background.map((b) => ({ text: b.text, sourceId: b.source }));
  return { quotes, facts, references };
}
