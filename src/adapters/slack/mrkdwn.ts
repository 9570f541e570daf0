/**
 * Slack's mrkdwn: the core's Markdown subset converted, and text escaped the way Slack asks (only
 * `&`, `<` and `>`), so nothing we send can form a link or a mention by accident.
 */

import { visibleText } from '../echo.js';

export function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A URL inside `<url|label>`: escaped, and with no `|` to end it early. */
function escapeUrl(url: string): string {
  return escapeText(url).replace(/\|/g, '%7C');
}

/**
 * What a person typed, from the text Slack delivers: markup becomes what Slack shows
 * (`<https://x|label>` its label, `<https://x>` its URL, `<@U123|ana>` "ana"; a bare mention,
 * channel or `<!here>` nothing), then the three characters Slack escapes (`&amp;`, `&lt;`, `&gt;`)
 * are decoded, in that order, so a typed "&lt;" stays "&lt;" and a typed "<b>" is "<b>" again.
 * Markup goes first: once decoded, a typed "<@U123>" would look like a mention.
 */
export function fromSlack(text: string): string {
  return text
    .replace(/<([^<>|]*)\|([^<>]*)>/g, '$2')
    .replace(/<[@#!][^<>]*>/g, '')
    .replace(/<([^<>]*)>/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/**
 * A person's words (as `fromSlack` gives them), to show back ("Asked: …", "no topic called …"):
 * hidden characters (bidi overrides, controls, zero-width) removed, cut between characters,
 * escaped once, and "@here", "@channel" and "@everyone" given a zero-width space (added after the
 * removal) so no client reads them as a ping.
 */
export function quoteUserWords(text: string, max = 200): string {
  const plain = visibleText(text).replace(/\s+/g, ' ').trim();
  return escapeText(cut(plain, max)).replace(/@(here|channel|everyone)\b/gi, '@\u200B$1');
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * At most `max` UTF-16 units (what Slack's limits count), ending in "…" when cut, and cut only
 * between characters as a reader sees them: never inside an emoji, its surrogate pair or its
 * joined sequence (👩‍💻), nor between a letter and its accent.
 */
function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  let out = '';
  for (const { segment } of graphemes.segment(text)) {
    if (out.length + segment.length > max - 1) break;
    out += segment;
  }
  return `${out}…`;
}

const LINK = /\[([^\]]+)\]\((https?:\/\/[^)\s]+)\)/g;

function emphasis(escaped: string): string {
  // **bold** is *bold* in mrkdwn; _italic_ is the same in both.
  return escaped.replace(/\*\*(.+?)\*\*/g, '*$1*');
}

function inline(line: string): string {
  let out = '';
  let last = 0;
  for (const match of line.matchAll(LINK)) {
    const [whole, label = '', url = ''] = match;
    out += emphasis(escapeText(line.slice(last, match.index)));
    out += `<${escapeUrl(url)}|${escapeText(label)}>`;
    last = match.index + whole.length;
  }
  return out + emphasis(escapeText(line.slice(last)));
}

/** The core's Markdown subset (**bold**, _italic_, [text](url), "- " bullets, "> " quotes) as mrkdwn. */
export function toMrkdwn(markdown: string): string {
  return markdown
    .split('\n')
    .map((line) => {
      if (line.startsWith('> ')) return `>${inline(line.slice(2))}`;
      if (line.startsWith('- ')) return `• ${inline(line.slice(2))}`;
      return inline(line);
    })
    .join('\n');
}

/** The core's Markdown without its markup, escaped: for notification text and previews. */
export function plainText(markdown: string): string {
  return escapeText(
    markdown
      .replace(LINK, '$1')
      .replace(/\*\*(.+?)\*\*/g, '$1')
      .replace(/^(?:> |- )/gm, '')
      .replace(/\s+/g, ' ')
      .trim(),
  );
}

/**
 * Cuts text into pieces of at most `max` characters: at paragraph breaks when it can, then at line
 * breaks, then at spaces, so a section never exceeds Slack's limit.
 */
export function splitText(text: string, max: number): string[] {
  if (text.length <= max) return [text];
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const window = rest.slice(0, max + 1);
    let cut = window.lastIndexOf('\n\n');
    if (cut < max / 3) cut = window.lastIndexOf('\n');
    if (cut < max / 3) cut = window.lastIndexOf(' ');
    // No break to cut at: cut anyway, but not between the two halves of a surrogate pair.
    if (cut < max / 3) cut = /[\uD800-\uDBFF]/.test(rest.charAt(max - 1)) ? max - 1 : max;
    pieces.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).replace(/^\s+/, '');
  }
  if (rest.length > 0) pieces.push(rest);
  return pieces;
}

/** Shortens text to `max` characters with an ellipsis, cut between characters. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  // Never leave half an escape such as "&am" at the cut.
  return `${cut(text, max)
    .slice(0, -1)
    .replace(/&[a-z]{0,3}$/, '')
    .trimEnd()}…`;
}
