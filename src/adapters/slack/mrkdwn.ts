/**
 * Slack's mrkdwn: the core's Markdown subset converted, and text escaped the way Slack asks (only
 * `&`, `<` and `>`), so nothing we send can form a link or a mention by accident.
 */

export function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A URL inside `<url|label>`: escaped, and with no `|` to end it early. */
function escapeUrl(url: string): string {
  return escapeText(url).replace(/\|/g, '%7C');
}

/**
 * A person's own words, to show back (a question in a shared answer). Slack markup in them
 * (`<@U123|ana>`, `<!here>`, `<https://x|label>`) becomes its label, everything is escaped, and
 * "@here", "@channel" and "@everyone" get a zero-width space so no client reads them as a ping.
 */
export function quoteUserWords(text: string, max = 200): string {
  const plain = text
    .replace(/<([^<>|]*)\|([^<>]*)>/g, '$2')
    .replace(/<[@#!][^<>]*>/g, '')
    .replace(/<([^<>]*)>/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
  const cut = plain.length > max ? `${plain.slice(0, max - 1)}…` : plain;
  return escapeText(cut).replace(/@(here|channel|everyone)\b/gi, '@\u200B$1');
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
    if (cut < max / 3) cut = max;
    pieces.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).replace(/^\s+/, '');
  }
  if (rest.length > 0) pieces.push(rest);
  return pieces;
}

/** Shortens text to `max` characters with an ellipsis. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  // Never leave half an escape such as "&am" at the cut.
  return `${text
    .slice(0, max - 1)
    .replace(/&[a-z]{0,3}$/, '')
    .trimEnd()}…`;
}
