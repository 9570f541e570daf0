import { escapeText, Html, safeHref } from './escape.js';

/**
 * The Markdown subset of answers and topic files (**bold**, _italic_, [text](url), "- " bullets,
 * "> " quotes, blank lines between paragraphs) as HTML. The text is escaped first and only these
 * few constructs become tags, so no markup in the text (an answer that echoes a question, a
 * curator's typo) is ever rendered as HTML; links go only to http(s) addresses.
 */
export function markdownToHtml(text: string): Html {
  const blocks = text.replace(/\r\n?/g, '\n').split(/\n{2,}/);
  return new Html(
    blocks
      .map(block)
      .filter((b) => b !== '')
      .join('\n'),
  );
}

function block(raw: string): string {
  const lines = raw.split('\n').filter((l) => l.trim() !== '');
  if (lines.length === 0) return '';
  if (lines.every((l) => /^\s*[-*•] /.test(l))) {
    return `<ul>${lines.map((l) => `<li>${inline(l.replace(/^\s*[-*•] /, ''))}</li>`).join('')}</ul>`;
  }
  if (lines.every((l) => /^\s*>/.test(l))) {
    const inner = lines.map((l) => l.replace(/^\s*> ?/, '')).join('\n');
    return `<blockquote>${markdownToHtml(inner).value}</blockquote>`;
  }
  return `<p>${lines.map(inline).join('<br>')}</p>`;
}

/** Links first (their text may hold emphasis), then bold and italic, on text already escaped. */
export function inline(text: string): string {
  const pieces: string[] = [];
  let rest = text;
  const link = /\[([^\]]+)\]\(([^)\s]+)\)/;
  for (let m = link.exec(rest); m !== null; m = link.exec(rest)) {
    pieces.push(emphasis(escapeText(rest.slice(0, m.index))));
    const href = safeHref(m[2] ?? '');
    const label = emphasis(escapeText(m[1] ?? ''));
    pieces.push(href === undefined ? label : `<a href="${escapeText(href)}">${label}</a>`);
    rest = rest.slice(m.index + m[0].length);
  }
  pieces.push(emphasis(escapeText(rest)));
  return pieces.join('');
}

function emphasis(escaped: string): string {
  return escaped
    .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
    .replace(/(^|[\s(])_([^_]+)_(?=$|[\s).,;:!?])/g, '$1<em>$2</em>');
}
