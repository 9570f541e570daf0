import type { Block, Inline } from '../answer.js';

/**
 * How one surface writes marks: Markdown, Slack's mrkdwn, Discord's Markdown, a terminal's
 * styles. The walk over the answer's structure is written once (here); a surface gives only its
 * marks, each receiving the run's own words unescaped, so escaping stays the surface's business
 * and no surface re-reads marked-up text (vercel chat's per-adapter format converters, the same idea).
 */
export interface Dialect {
  /** Plain words. */
  text(words: string): string;
  /** Strong words, and a topic's name where the surface cannot link to topics. */
  strong(words: string): string;
  emphasis(words: string): string;
  link(words: string, url: string): string;
  /** One item of a list, already written. */
  listItem(item: string): string;
  /** A quote set apart: its words as the source has them (the surface adds its marks). */
  quote(words: string): string;
}

/** Words inside “…”: inner double quotation marks become single ones, as American style nests them. */
export function quoted(text: string): string {
  return `“${text.replace(/“/g, '‘').replace(/”/g, '’').replace(/"/g, "'")}”`;
}

export function writeInline(content: readonly Inline[], dialect: Dialect): string {
  return content.map((run) => writeRun(run, dialect)).join('');
}

function writeRun(run: Inline, d: Dialect): string {
  switch (run.kind) {
    case 'text':
      return d.text(run.text);
    case 'strong':
    case 'topic':
      return d.strong(run.text);
    case 'emphasis':
      return d.emphasis(run.text);
    case 'link':
      return d.link(run.text, run.url);
    case 'quoted':
      // Words in quotation marks are words: the surface escapes them as it escapes any text.
      return d.text(quoted(run.text));
  }
}

export function writeBlock(block: Block, dialect: Dialect): string {
  switch (block.kind) {
    case 'paragraph':
      return writeInline(block.content, dialect);
    case 'list':
      return block.items.map((item) => dialect.listItem(writeInline(item, dialect))).join('\n');
    case 'quote':
      return dialect.quote(block.text);
  }
}
