import { parseArgs } from 'node:util';
import { loadCoreConfig } from '../../config/core.js';
import { type FormattedReference, formatReference, relayOf } from '../../core/citations/reference.js';
import { type CiteTarget, resolveCiteTarget } from '../../core/citations/resolve.js';
import {
  CITATION_STYLES,
  type CitationStyle,
  isCitationStyle,
  STYLE_LABELS,
} from '../../core/citations/styles.js';
import { cleanText } from '../../core/text/markup.js';
import type { KnowledgeBase, Quote } from '../../knowledge/types.js';
import { citationStyle, openAssistant } from '../../runtime/open.js';
import { type Command, useColour, writeLine } from '../io.js';
import { COLOUR, PLAIN, renderMarkdown, type Style } from '../render.js';

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
    const style: CitationStyle = requested ?? citationStyle(await loadCoreConfig(io.env));
    const assistant = await openAssistant(io.env);
    const kb = assistant.knowledgeBase;
    const target = resolveCiteTarget(assistant, query);
    const terminal = useColour(io) ? COLOUR : PLAIN;

    if (target.kind === 'none') {
      const suggestions = target.topic
        ? target.answer.related.map((r) => r.title)
        : target.answer.suggestions;
      if (values.json) {
        writeLine(
          io.stdout,
          JSON.stringify(
            { query, topic: topicJson(target), style, quotes: [], references: [], suggestions },
            null,
            2,
          ),
        );
      } else {
        const why = target.topic
          ? `“${target.topic.title}” has no verbatim quote to cite.`
          : `Nothing to cite for “${query}”.\n\n${renderMarkdown(target.answer.text, terminal)}`;
        writeLine(io.stderr, why);
        if (suggestions.length > 0)
          writeLine(io.stderr, `\n${terminal.dim(`Try: ${suggestions.join(' · ')}`)}`);
      }
      return 1;
    }

    const quotes = target.kind === 'topic' ? target.quotes : [];
    const cited = target.kind === 'topic' ? [...new Set(quotes.map((q) => q.source))] : [target.source.id];
    const references: FormattedReference[] = [];
    for (const id of cited) {
      const source = kb.sources.get(id);
      if (source) references.push(await formatReference(source, relayOf(kb, source), style));
    }

    if (values.json) {
      writeLine(
        io.stdout,
        JSON.stringify(
          {
            query,
            topic: topicJson(target),
            source: target.kind === 'source' ? target.source.id : null,
            style,
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
    if (style === 'csl-json') {
      // Standard output stays one JSON document, ready to save; the quotes go to the terminal only.
      writeLine(io.stderr, [heading, ...quotes.map((q) => `“${q.text}”`)].join('\n\n'));
      writeLine(
        io.stdout,
        references.length === 1 ? (references[0]?.entry ?? '') : mergeJsonArrays(references),
      );
      return 0;
    }
    if (style === 'bibtex') {
      // Lines outside an entry are comments in a .bib file: the output can be saved as it is.
      const comments = [heading, ...quotes.map((q) => `“${q.text}”`)].map((line) => `% ${line}`);
      writeLine(io.stdout, [comments.join('\n'), ...references.map((r) => r.entry)].join('\n\n'));
      return 0;
    }
    const out = [terminal.accent(terminal.bold(heading))];
    if (quotes.length > 0) {
      out.push(quotes.map((q) => (style === 'markdown' ? `> “${q.text}”` : `“${q.text}”`)).join('\n\n'));
    }
    for (const reference of references) out.push(renderReference(reference, terminal, useColour(io)));
    if (target.kind === 'source') {
      const texts = [...kb.topics.values()].flatMap((t) =>
        t.quotes.filter((q) => q.source === target.source.id).map((q) => q.text),
      );
      const count = new Set(texts).size;
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
  },
} satisfies Command;

function topicJson(target: CiteTarget): { intent: string; title: string } | null {
  const topic = target.kind === 'topic' ? target.topic : target.kind === 'none' ? target.topic : undefined;
  return topic ? { intent: topic.id, title: topic.title } : null;
}

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
