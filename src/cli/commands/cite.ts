import { parseArgs } from 'node:util';
import type { FormattedReference } from '../../core/citations/reference.js';
import {
  CITATION_STYLES,
  isCitationStyle,
  STYLE_LABELS,
} from '../../core/citations/styles.js';
import { cleanText } from '../../core/text/markup.js';
import type { KnowledgeBase, Quote } from '../../knowledge/types.js';
import { openAssistant } from '../../runtime/open.js';
import { type Command, useColour, writeLine } from '../io.js';
import { COLOUR, PLAIN, type Style } from '../render.js';

export const cite = {
  name: 'cite',
  summary: 'the verbatim quote(s) on a topic with a copy-ready reference (Chicago, APA, MLA, BibTeX…)',
  usage: `policybot cite <topic, question or source> [--style ${CITATION_STYLES.join('|')}] [--json]`,
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: {
        style: { type: 'string', short: 's' },
        json: { type: 'boolean', default: false },
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
    const kb = assistant.knowledgeBase;
    // A style named in the text ("cite fentanyl apa") counts when --style did not choose one.
    const target = await assistant.cite(query, requested);
    const terminal = useColour(io) ? COLOUR : PLAIN;

    if (target.kind === 'none') {
      const suggestions = target.suggestions.map((s) => s.title);
      if (values.json) {
        writeLine(
          io.stdout,
          JSON.stringify(
            { query, topic: null, style: target.style, quotes: [], references: [], suggestions },
            null,
            2,
          ),
        );
      } else {
        writeLine(
          io.stderr,
          suggestions.length > 0
            ? `No topic called “${query}”. Did you mean: ${suggestions.join(' · ')}?`
            : `No topic called “${query}”. See \`policybot topics\` for what I can cite.`,
        );
      }
      return 1;
    }

    const quotes = target.kind === 'topic' ? target.quotes : [];
    const references: readonly FormattedReference[] = target.references;
    const shown = target.style;

    if (values.json) {
      writeLine(
        io.stdout,
        JSON.stringify(
          {
            query,
            topic: target.kind === 'topic' ? { intent: target.topic.intent, title: target.topic.title } : null,
            source: target.kind === 'source' ? target.source.id : null,
            style: shown,
            quotes: quotes.map((q) => quoteJson(kb, q)),
            references: references.map(({ line, ...parts }) => ({ ...parts, text: line })),
          },
          null,
          2,
        ),
      );
      return 0;
    }

    const heading = target.kind === 'topic' ? target.topic.title : `Source: ${target.source.title}`;
    if (shown === 'csl-json') {
      // Standard output stays one JSON document, ready to save; the quotes go to the terminal only.
      writeLine(io.stderr, [heading, ...quotes.map((q) => `“${q.text}”`)].join('\n\n'));
      writeLine(
        io.stdout,
        references.length === 1 ? (references[0]?.entry ?? '') : mergeJsonArrays(references),
      );
      return 0;
    }
    if (shown === 'bibtex') {
      // Lines outside an entry are comments in a .bib file: the output can be saved as it is.
      const comments = [heading, ...quotes.map((q) => `“${q.text}”`)].map((line) => `% ${line}`);
      writeLine(io.stdout, [comments.join('\n'), ...references.map((r) => r.entry)].join('\n\n'));
      return 0;
    }
    const out = [terminal.accent(terminal.bold(heading))];
    if (target.unsupportedStyle !== undefined) {
      out.push(terminal.dim(`I don't write ${target.unsupportedStyle} references; here it is in ${shown}.`));
    }
    if (quotes.length > 0) {
      out.push(quotes.map((q) => (shown === 'markdown' ? `> “${q.text}”` : `“${q.text}”`)).join('\n\n'));
    }
    for (const reference of references) out.push(renderReference(reference, terminal, useColour(io)));
    if (target.kind === 'topic' && quotes.length === 0) {
      out.push(terminal.dim(`“${target.topic.title}” has no verbatim quote: these are the sources of its facts.`));
    }
    if (target.kind === 'source' && target.quoteCount > 0) {
      const count = target.quoteCount;
      out.push(
        terminal.dim(
          `${count} quote${count === 1 ? '' : 's'} in policybot come from this source: cite a topic (policybot cite fentanyl) to get one with its reference.`,
        ),
      );
    }
    writeLine(io.stdout, out.join('\n\n'));
    return 0;
  },
} satisfies Command;

function quoteJson(kb: KnowledgeBase, quote: Quote): { text: string; source: string; via?: string } {
  const via = kb.sources.get(quote.source)?.quotedIn;
  return { text: quote.text, source: quote.source, ...(via === undefined ? {} : { via }) };
}

/** Several CSL-JSON arrays as one, without duplicates (two quotes relayed by the same page). */
function mergeJsonArrays(references: readonly FormattedReference[]): string {
  const items = new Map<string, unknown>();
  for (const r of references) {
    for (const item of JSON.parse(r.entry) as { id: string }[])
      if (!items.has(item.id)) items.set(item.id, item);
  }
  return JSON.stringify([...items.values()], null, 2);
}

/** Each part under the name the style gives it, ready to paste; titles in italics on a colour terminal. */
function renderReference(reference: FormattedReference, terminal: Style, colour: boolean): string {
  const part = (text: string, html: string | undefined): string =>
    `  ${colour && html ? htmlToTerminal(html, terminal) : text}`;
  const { html } = reference;
  switch (reference.style) {
    case 'chicago':
      return [
        terminal.bold('Bibliography'),
        part(reference.entry, html?.entry),
        terminal.bold('Note (short form)'),
        part(reference.note ?? '', html?.note),
      ].join('\n');
    case 'apa':
      return [
        terminal.bold('Reference list'),
        part(reference.entry, html?.entry),
        terminal.bold('In text'),
        part(reference.inText ?? '', html?.inText),
      ].join('\n');
    case 'mla':
      return [
        terminal.bold('Works Cited'),
        part(reference.entry, html?.entry),
        terminal.bold(
          reference.nameInText ? `In text (name ${reference.nameInText} in the sentence)` : 'In text',
        ),
        part(reference.inText ?? '', html?.inText),
      ].join('\n');
    default:
      return reference.entry;
  }
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
