import type { KnowledgeBase, Quote, Source } from '../../knowledge/types.js';
import type { Citation } from '../answer.js';
import { sourceLabel } from './label.js';
import { plainReference } from './plain.js';
import type { ReferenceParts } from './reference.js';

export type ReferenceFormatter = (source: Source, via?: Source) => ReferenceParts;

/**
 * Citations for a set of quotes and background facts. A second-hand quote cites its source "as
 * quoted in" the relaying page, and the relaying page is listed in its own right after it, once.
 * `about` is the source a topic is about (the report, 1787's page): cited first, as itself.
 */
export function citationsFor(
  kb: KnowledgeBase,
  quotes: readonly Quote[],
  background: readonly Quote[] = [],
  format: ReferenceFormatter = (source, via) => {
    const line = plainReference(source, via);
    return { entry: line, line };
  },
  about?: string,
): Citation[] {
  const out: Citation[] = [];
  const listed = new Set<string>();
  const cite = (source: Source, quote?: string, asItself = false): void => {
    const via = asItself || source.quotedIn === undefined ? undefined : kb.sources.get(source.quotedIn);
    out.push({
      sourceId: source.id,
      title: sourceLabel(source),
      publisher: source.publisher,
      date: source.date ?? null,
      url: source.url ?? null,
      ...(quote === undefined ? {} : { quote }),
      ...(via === undefined ? {} : { via: via.id }),
      reference: format(source, via).line,
    });
    if (quote === undefined) listed.add(source.id);
  };
  const subject = about === undefined ? undefined : kb.sources.get(about);
  // A topic about a source cites the source as itself, with its own link: what a reader of it needs.
  if (subject) cite(subject, undefined, true);
  for (const quote of quotes) {
    const source = kb.sources.get(quote.source);
    if (source) cite(source, quote.text);
  }
  const relays = quotes
    .map((q) => kb.sources.get(q.source)?.quotedIn)
    .filter((id): id is string => id !== undefined);
  for (const id of [...relays, ...background.map((b) => b.source)]) {
    const source = kb.sources.get(id);
    if (!source || listed.has(id) || quotes.some((q) => q.source === id)) continue;
    // In APA and MLA a second-hand quote's reference-list entry is the relaying page's own: it is
    // listed once, with the quote's in-text form, never again as an entry of its own.
    const own = format(source).line;
    if (relays.includes(id) && out.some((c) => c.via === id && c.reference.startsWith(`${own} — `))) {
      listed.add(id);
      continue;
    }
    cite(source);
  }
  return out;
}
