import type { KnowledgeBase, Source } from '../../knowledge/types.js';
import type { ReferenceFormatter } from './index.js';
import { markdownReference, plainReference } from './plain.js';
import { type ReferenceParts, referenceTable } from './reference.js';
import { type CitationStyle, ENGINE_STYLES } from './styles.js';

/**
 * References in any style, for answers: the configured style's are ready at start-up (rendered
 * once, or read from the start-up cache); another style asked for in conversation ("cite that in
 * APA") is rendered the first time, for every source at once, and kept.
 */
export class ReferenceProvider {
  private readonly tables = new Map<CitationStyle, Promise<ReferenceFormatter>>();
  readonly defaultFormatter: ReferenceFormatter;

  constructor(
    private readonly kb: KnowledgeBase,
    readonly defaultStyle: CitationStyle = 'plain',
    preloaded?: Readonly<Record<string, ReferenceParts>>,
  ) {
    this.defaultFormatter = ReferenceProvider.fromTable(defaultStyle, preloaded);
    this.tables.set(defaultStyle, Promise.resolve(this.defaultFormatter));
  }

  /** Plain and Markdown directly; the engine's styles from a table rendered for the knowledge base. */
  static fromTable(
    style: CitationStyle,
    table?: Readonly<Record<string, ReferenceParts>>,
  ): ReferenceFormatter {
    const line = (text: string): ReferenceParts => ({ entry: text, line: text });
    if (style === 'markdown') return once((source, via) => line(markdownReference(source, via)));
    if (style === 'plain' || table === undefined)
      return once((source, via) => line(plainReference(source, via)));
    // The table has parts for every source of the knowledge base; the plain line is only a guard.
    return (source, via) =>
      table[via === undefined ? `${source.id}:self` : source.id] ??
      table[source.id] ??
      line(plainReference(source, via));
  }

  formatter(style: CitationStyle): Promise<ReferenceFormatter> {
    let table = this.tables.get(style);
    if (table === undefined) {
      table = ENGINE_STYLES.has(style)
        ? referenceTable(this.kb, style).then((t) => ReferenceProvider.fromTable(style, t))
        : Promise.resolve(ReferenceProvider.fromTable(style));
      this.tables.set(style, table);
    }
    return table;
  }
}

/**
 * A formatter that works out each source's reference (by itself, or relayed by another) once: the
 * sources of a loaded knowledge base never change, and every answer cites some of the same few.
 */
function once(format: ReferenceFormatter): ReferenceFormatter {
  const made = new WeakMap<Source, Map<string, ReferenceParts>>();
  return (source, via) => {
    let bySource = made.get(source);
    if (bySource === undefined) {
      bySource = new Map();
      made.set(source, bySource);
    }
    const key = via?.id ?? '';
    let parts = bySource.get(key);
    if (parts === undefined) {
      parts = format(source, via);
      bySource.set(key, parts);
    }
    return parts;
  };
}
