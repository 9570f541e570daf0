import { parseArgs } from 'node:util';
import { referenceParts, type SourceCitation } from '../../core/citations/cite.js';
import { sourceLabel } from '../../core/citations/label.js';
import { type FormattedReference, relayOf } from '../../core/citations/reference.js';
import { citeName, sourceReferences } from '../../core/citations/sources.js';
import { topicRecords } from '../../core/citations/records.js';
import {
  CITATION_STYLES,
  type CitationStyle,
  isCitationStyle,
  STYLE_LABELS,
} from '../../core/citations/styles.js';
import { cleanText } from '../../core/text/markup.js';
import type { KnowledgeBase, Quote, Source } from '../../knowledge/types.js';
import { openAssistant } from '../../runtime/open.js';
import { type CliIO, type Command, useColour, writeLine } from '../io.js';
import { COLOUR, PLAIN, type Style } from '../render.js';
import { citeToFile } from './cite-out.js';

export const cite = {
  name: 'cite',
  summary: 'the verbatim quote(s) on a topic with a copy-ready reference (Chicago, APA, MLA, BibTeX…)',
  usage: `policybot cite <topic, question or source> [--style|-s ${CITATION_STYLES.join('|')}] [--json] [--out|-o FILE.bib|.ris|.json|.txt]`,
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: {
        style: { type: 'string', short: 's' },
        json: { type: 'boolean', default: false },
        out: { type: 'string', short: 'o' },
      },
    });
    // What was typed is echoed back in messages: no terminal escapes or control characters in it.
    const query = cleanText(positionals.join(' '));
    if (query === '') {
      writeLine(io.stderr, `usage: ${cite.usage}\n\nfor example: policybot cite fentanyl --style apa`);
      return 2;
    }
    const requested = values.style?.trim().toLowerCase();
    if (requested !== undefined && !isCitationStyle(requested)) {
      const styles = CITATION_STYLES.map((s) => `  ${s.padEnd(9)} ${STYLE_LABELS[s]}`).join('\n');
      writeLine(io.stderr, `Unknown style "${values.style}". Choose one of:\n${styles}`);
      return 2;
    }
    const assistant = await openAssistant(io.env);
    if (values.out !== undefined) {
      // One topic or several, comma-separated, as one file: each source once.
      const written = await citeToFile(assistant, query, values.out, requested, process.cwd());
      writeLine(
        written.ok ? io.stdout : io.stderr,
        written.ok ? `Wrote ${written.path} (${written.sources} sources).` : written.message,
      );
      return written.ok ? 0 : 1;
    }
    const kb = assistant.knowledgeBase;
    const terminal = useColour(io) ? COLOUR : PLAIN;
    // The one cite resolver every surface uses: a source named outright ("ata", "gao", its id or
    // its publisher) is cited as itself; other words name a topic; a style in the text counts when
    // --style chose none ("cite fentanyl apa").
    const result = await assistant.cite(query, requested);
    const style = result.style;

    if (result.kind === 'source') {
      return citeSources(result.sources, { query, style, kb, json: values.json, terminal, io });
    }

    if (result.kind === 'rate-limited') {
      writeLine(io.stderr, result.text);
      return 1;
    }

    if (result.kind === 'none') {
      const suggestions = result.suggestions.map((s) => s.title);
      if (values.json) {
        writeLine(
          io.stdout,
          JSON.stringify({ query, topic: null, style, quotes: [], references: [], suggestions }, null, 2),
        );
      } else {
        writeLine(
          io.stderr,
          suggestions.length > 0
            ? `No topic called “${query}”. Did you mean: ${suggestions.join(' · ')}?`
            : `No topic called “${query}”. \`policybot topics\` lists what I can cite.`,
        );
      }
      return 1;
    }

    const quotes = result.quotes;
    const references = result.references;
    const cited = [...new Set(quotes.map((q) => q.source))];

    if (values.json) {
      writeLine(
        io.stdout,
        JSON.stringify(
          {
            query,
            topic: { intent: result.topic.intent, title: result.topic.title },
            source: null,
            style,
            quotes: quotes.map((q) => quoteJson(kb, q)),
            references: references.map(referenceJson),
          },
          null,
          2,
        ),
      );
      return 0;
    }

    const heading = result.topic.title;
    if (style === 'csl-json') {
      // Standard output stays one JSON document, ready to save; the quotes go to the terminal only.
      writeLine(io.stderr, [heading, ...quotes.map((q) => `“${q.text}”`)].join('\n\n'));
      writeLine(io.stdout, mergeJsonArrays(references));
      return 0;
    }
    if (style === 'ris') {
      // RIS has no comments: standard output is the file, each source once; the quotes go to the terminal.
      writeLine(io.stderr, [heading, ...quotes.map((q) => `“${q.text}”`)].join('\n\n'));
      writeLine(io.stdout, await topicRecords(kb, [result.topic.intent], 'ris'));
      return 0;
    }
    if (style === 'bibtex') {
      // Lines outside an entry are comments in a .bib file: the output can be saved as it is.
      const comments = [heading, ...quotes.map((q) => `“${q.text}”`)].map((line) => `% ${line}`);
      writeLine(io.stdout, [comments.join('\n'), ...references.map((r) => r.entry)].join('\n\n'));
      return 0;
    }
    const out = [terminal.accent(terminal.bold(heading))];
    if (result.unsupportedStyle !== undefined) {
      out.push(
        terminal.dim(`I don't write ${result.unsupportedStyle} references; here they are in ${style}.`),
      );
    }
    if (quotes.length > 0) {
      out.push(quotes.map((q) => (style === 'markdown' ? `> “${q.text}”` : `“${q.text}”`)).join('\n\n'));
    } else {
      out.push(terminal.dim(`“${heading}” has no verbatim quote: these are the sources of its facts.`));
    }
    for (const reference of references) out.push(renderReference(reference, terminal, useColour(io)));
    // Second-hand quotes cite the page that relays them; a writer who reads the original needs its
    // own reference, which citing the source by name gives.
    for (const id of cited) {
      const source = kb.sources.get(id);
      if (source && relayOf(kb, source)) {
        out.push(
          terminal.dim(
            `Read the ${source.kind === 'report' ? 'report' : 'page'} itself? policybot cite ${citeName(source)} gives its own reference, beside this quoted-in form.`,
          ),
        );
      }
    }
    writeLine(io.stdout, out.join('\n\n'));
    return 0;
  },
} satisfies Command;

interface SourcesRun {
  readonly query: string;
  readonly style: CitationStyle;
  readonly kb: KnowledgeBase;
  readonly json: boolean | undefined;
  readonly terminal: Style;
  readonly io: CliIO;
}

/**
 * Sources named outright: each as itself and, when we hold its words second-hand, as quoted in the
 * page that relays them, labelled apart so that a writer can tell which to use when.
 */
async function citeSources(found: readonly SourceCitation[], run: SourcesRun): Promise<number> {
  const { query, style, kb, io, terminal } = run;
  const sources = found.map((f) => kb.sources.get(f.id) as Source);
  const cited = found.map((f) => f.references);
  if (run.json) {
    writeLine(
      io.stdout,
      JSON.stringify(
        {
          query,
          topic: null,
          source: sources[0]?.id ?? null,
          style,
          quotes: [],
          // As before: each source in the form its quotes are cited in.
          references: cited.map((c) => referenceJson(c.quotedIn ?? c.own)),
          sources: cited.map((c) => ({
            id: c.sourceId,
            title: sourceLabel(kb.sources.get(c.sourceId) as Source),
            own: { ...referenceJson(c.own), use: c.use.own },
            ...(c.quotedIn ? { quotedIn: { ...referenceJson(c.quotedIn), use: c.use.quotedIn } } : {}),
          })),
        },
        null,
        2,
      ),
    );
    return 0;
  }

  // An untitled source is headed by its publisher and number (or our description), never a bare number.
  const headingOf = (s: Source) =>
    `Source: ${s.title ?? `${s.publisher}, ${s.number ?? s.description ?? s.id}`}`;
  const several = sources.length > 1 ? `${sources.length} sources named “${query}”` : undefined;
  if (style === 'csl-json') {
    // One JSON document on standard output: each source as itself, and the page that relays a
    // second-hand one (cite it too for the quotes); the labels go to the terminal.
    const labels = cited.flatMap((c) => {
      const source = kb.sources.get(c.sourceId) as Source;
      const via = relayOf(kb, source);
      return [
        headingOf(source),
        ...(via ? [`${c.use.quotedIn}. The page to cite with them: ${via.id}`] : []),
      ];
    });
    writeLine(io.stderr, [...(several ? [several] : []), ...labels].join('\n'));
    const relays = cited.flatMap((c) => {
      const via = relayOf(kb, kb.sources.get(c.sourceId) as Source);
      return via ? [recordOf(kb, via.id, style)] : [];
    });
    writeLine(io.stdout, mergeJsonArrays([...cited.map((c) => c.own), ...(await Promise.all(relays))]));
    return 0;
  }
  if (style === 'ris') {
    // One file on standard output, each source once (a second-hand one with the page that relays
    // it); the labels go to the terminal.
    writeLine(
      io.stderr,
      [
        ...(several ? [several] : []),
        ...cited.map((c) => headingOf(kb.sources.get(c.sourceId) as Source)),
      ].join('\n'),
    );
    const { renderRecords } = await import('../../core/citations/render.js');
    const sourcesCited = cited.map((c) => {
      const source = kb.sources.get(c.sourceId) as Source;
      const via = relayOf(kb, source);
      return via === undefined ? { source } : { source, via };
    });
    writeLine(io.stdout, renderRecords(sourcesCited, 'ris'));
    return 0;
  }
  if (style === 'bibtex') {
    const blocks: string[] = several ? [`% ${several}`] : [];
    const written = new Set<string>();
    for (const c of cited) {
      const source = kb.sources.get(c.sourceId) as Source;
      const via = relayOf(kb, source);
      blocks.push(`% ${headingOf(source)}\n% ${c.use.own}\n${c.own.entry}`);
      written.add(source.id);
      if (via && !written.has(via.id)) {
        // One entry per key: the relaying page as itself, which the quotes are cited through.
        blocks.push(
          `% ${c.use.quotedIn}. The page to cite with them:\n${(await recordOf(kb, via.id, style)).entry}`,
        );
        written.add(via.id);
      }
    }
    writeLine(io.stdout, blocks.join('\n\n'));
    return 0;
  }

  const colour = useColour(io);
  const out: string[] = several ? [terminal.accent(terminal.bold(several))] : [];
  for (const c of cited) {
    const source = kb.sources.get(c.sourceId) as Source;
    out.push(terminal.accent(terminal.bold(headingOf(source))));
    if (c.quotedIn && c.use.quotedIn) {
      out.push(`${terminal.bold(c.use.own)}\n${renderReference(c.own, terminal, colour)}`);
      out.push(`${terminal.bold(c.use.quotedIn)}\n${renderReference(c.quotedIn, terminal, colour)}`);
    } else {
      out.push(renderReference(c.own, terminal, colour));
    }
    const count = found.find((f) => f.id === source.id)?.quoteCount ?? 0;
    if (count > 0) {
      out.push(
        terminal.dim(
          `${count} quote${count === 1 ? '' : 's'} in policybot come from this source: cite a topic (policybot cite fentanyl) to get one with its reference.`,
        ),
      );
    }
  }
  writeLine(io.stdout, out.join('\n\n'));
  return 0;
}

/** A source's own record (BibTeX entry, CSL-JSON item), for the page a second-hand quote is cited through. */
async function recordOf(kb: KnowledgeBase, id: string, style: CitationStyle): Promise<FormattedReference> {
  return (await sourceReferences(kb, id, style)).own;
}

function referenceJson({ line, ...parts }: FormattedReference): Record<string, unknown> {
  return { ...parts, text: line };
}

function quoteJson(kb: KnowledgeBase, quote: Quote): { text: string; source: string; via?: string } {
  const via = kb.sources.get(quote.source)?.quotedIn;
  return { text: quote.text, source: quote.source, ...(via === undefined ? {} : { via }) };
}

/** Several CSL-JSON arrays as one, without duplicates (two quotes relayed by the same page). */
function mergeJsonArrays(references: readonly FormattedReference[]): string {
  if (references.length === 1) return references[0]?.entry ?? '[]';
  const items = new Map<string, unknown>();
  for (const r of references) {
    for (const item of JSON.parse(r.entry) as { id: string }[])
      if (!items.has(item.id)) items.set(item.id, item);
  }
  return JSON.stringify([...items.values()], null, 2);
}

/** Each part under the name the style gives it, ready to paste; titles in italics on a colour terminal. */
function renderReference(reference: FormattedReference, terminal: Style, colour: boolean): string {
  // The same parts and labels as Slack and Discord show: the entry, then its note or in-text form.
  const parts = referenceParts(reference);
  if (parts.length === 1 && parts[0]?.label === undefined) return reference.entry;
  return parts
    .flatMap((p) => [
      ...(p.label === undefined ? [] : [terminal.bold(p.label)]),
      `  ${colour && p.html ? htmlToTerminal(p.html, terminal) : p.text}`,
    ])
    .join('\n');
}

/** citeproc's HTML has <i> (and the odd <b>, <span>) and entities: italics survive, the rest is text. */
function htmlToTerminal(html: string, terminal: Style): string {
  return html
    .replace(/<i>([\s\S]*?)<\/i>/g, (_, inner: string) => terminal.italic(inner))
    .replace(/<[^>]+>/g, '')
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}
