import type { Block, Inline } from '../answer.js';
import { type Dialect, quoted, writeBlock, writeInline } from './dialect.js';

/**
 * Curator text (content/topics/*.yaml) is written in a small Markdown subset: **bold**, _italic_,
 * [text](url), "- " bullets and "> " quotes. It is read here, once, into the answer's blocks, so
 * that no surface parses Markdown; and written back (toMarkdown) for the derived `Answer.text`.
 */

const INLINE = /\*\*(.+?)\*\*|(^|[\s(])_(.+?)_(?=$|[\s).,;:!?])|\[([^\]]+)\]\((https?:[^)\s]+)\)/g;

/** A line's inline runs. */
export function parseInline(line: string): Inline[] {
  const out: Inline[] = [];
  let at = 0;
  const text = (s: string): void => {
    if (s === '') return;
    const last = out.at(-1);
    if (last?.kind === 'text') out[out.length - 1] = { kind: 'text', text: last.text + s };
    else out.push({ kind: 'text', text: s });
  };
  for (const m of line.matchAll(INLINE)) {
    const [whole, bold, pre, italic, label, url] = m;
    const start = m.index ?? 0;
    text(line.slice(at, start));
    if (bold !== undefined) out.push({ kind: 'strong', text: bold });
    else if (italic !== undefined) {
      text(pre ?? '');
      out.push({ kind: 'emphasis', text: italic });
    } else if (label !== undefined && url !== undefined) out.push({ kind: 'link', text: label, url });
    at = start + whole.length;
  }
  text(line.slice(at));
  return out;
}

/**
 * Curator text as blocks: paragraphs (lines joined by a space), bullet lists, quotes set apart.
 * `sourceOf` names the source of a quote's words when they are one of the topic's quotes.
 */
export function parseBlocks(
  markdown: string,
  sourceOf: (quote: string) => string | null,
  firstRole: 'summary' | 'text' = 'summary',
): Block[] {
  const blocks: Block[] = [];
  let paragraph: string[] = [];
  let list: Inline[][] = [];
  const flush = (): void => {
    if (paragraph.length > 0) {
      const role = blocks.length === 0 ? firstRole : 'text';
      blocks.push({ kind: 'paragraph', role, content: parseInline(paragraph.join(' ')) });
      paragraph = [];
    }
    if (list.length > 0) {
      blocks.push({ kind: 'list', items: list });
      list = [];
    }
  };
  for (const raw of markdown.split('\n')) {
    const line = raw.trim();
    if (line === '') {
      flush();
    } else if (line.startsWith('- ')) {
      if (paragraph.length > 0) flush();
      list.push(parseInline(line.slice(2)));
    } else if (line.startsWith('> ')) {
      flush();
      const text = line.slice(2).trim();
      blocks.push({ kind: 'quote', text, sourceId: sourceOf(text) });
    } else {
      if (list.length > 0) flush();
      paragraph.push(line);
    }
  }
  flush();
  return blocks;
}

/** The Markdown subset curators write: what `Answer.text` is derived in. */
const MARKDOWN: Dialect = {
  text: (words) => words,
  strong: (words) => `**${words}**`,
  emphasis: (words) => `_${words}_`,
  link: (words, url) => `[${words}](${url})`,
  listItem: (item) => `- ${item}`,
  quote: (words) => `> ${words}`,
};

/** Inline runs as the Markdown subset. */
export function inlineMarkdown(content: readonly Inline[]): string {
  return writeInline(content, MARKDOWN);
}

/** Inline runs as plain text: no markup, links as their text. */
export function inlinePlain(content: readonly Inline[]): string {
  return content.map((i) => (i.kind === 'quoted' ? quoted(i.text) : i.text)).join('');
}

/** Blocks as the Markdown subset, a blank line between blocks. */
export function toMarkdown(blocks: readonly Block[]): string {
  return blocks.map((b) => writeBlock(b, MARKDOWN)).join('\n\n');
}

/** Whitespace-insensitive: a quote shown across lines is still shown. */
export function sameWords(a: string, b: string): boolean {
  const norm = (s: string): string => s.replace(/\s+/g, ' ').trim();
  return norm(a) === norm(b);
}

function blockShows(b: Block, quote: string): boolean {
  const inline = (content: readonly Inline[]): boolean =>
    content.some((i) => i.kind === 'quoted' && sameWords(i.text, quote));
  switch (b.kind) {
    case 'quote':
      return sameWords(b.text, quote);
    case 'paragraph':
      return inline(b.content);
    case 'list':
      return b.items.some(inline);
  }
}

/** Whether the blocks already give a quote's words, set apart or inline. */
export function showsQuote(blocks: readonly Block[], quote: string): boolean {
  return blocks.some((b) => blockShows(b, quote));
}
