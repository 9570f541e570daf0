import type { CiteEntry } from '../core/citations/cite.js';
import { type CitationStyle, STYLE_LABELS } from '../core/citations/styles.js';
import { escapeText, Html, html, join } from './escape.js';

/** The styles a page shows as text, each with copy buttons; the machine formats are downloads. */
export const PAGE_STYLES: readonly CitationStyle[] = ['chicago', 'apa', 'mla', 'plain', 'markdown'];

/** A short name for a style's heading ("APA (7th ed.)"), from the one list of style labels. */
export function styleName(style: CitationStyle): string {
  return (STYLE_LABELS[style].split(/[,:]/)[0] ?? style).trim();
}

/**
 * One style's references, each part (entry, note, in-text form) in a paragraph of its own with a
 * copy button beside it. The button is `hidden` until the script shows it: without JavaScript the
 * text is still there to select. It carries the plain text, which is what the clipboard gets.
 */
export function styleSection(style: CitationStyle, entries: readonly CiteEntry[], idPrefix: string): Html {
  const name = styleName(style);
  const headingId = `${idPrefix}-${style}`;
  return html`<section class="style" aria-labelledby="${headingId}">
<h3 id="${headingId}">${name}</h3>
${join(
  entries.map((entry, e) => {
    const parts = entry.parts.map((part, p) => {
      const id = `${headingId}-${e}-${p}`;
      const what = part.label ?? 'reference';
      return html`<div class="part">
${part.label === undefined ? '' : html`<p class="part-label">${part.label}</p>`}
<p class="ref${style === 'markdown' || style === 'plain' ? ' plain' : ''}" id="${id}">${part.html === undefined ? part.text : citeprocHtml(part.html)}</p>
<button type="button" class="copy" data-copy="${part.text}" data-style="${style}" data-part="${p}" hidden>Copy<span class="vh"> ${name} ${what}</span></button>
</div>`;
    });
    return html`<div class="entry">
${entry.label === undefined ? '' : html`<p class="use">${entry.label}</p>`}
${parts}
</div>`;
  }),
)}
</section>`;
}

const ALLOWED_TAGS = new Set(['<i>', '</i>', '<b>', '</b>']);

/**
 * citeproc's HTML for a reference keeps its italics and bold; every other tag is dropped and the
 * text between tags is decoded and escaped again, so only those four tags ever reach the page.
 */
export function citeprocHtml(markup: string): Html {
  const out = markup
    .split(/(<[^>]*>)/)
    .map((piece) => {
      if (piece.startsWith('<')) return ALLOWED_TAGS.has(piece.toLowerCase()) ? piece.toLowerCase() : '';
      return escapeText(decodeEntities(piece));
    })
    .join('');
  return new Html(balance(out));
}

function decodeEntities(text: string): string {
  return text
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)))
    .replace(/&#x([0-9a-f]+);/gi, (_, code: string) => String.fromCodePoint(Number.parseInt(code, 16)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}

/** Closes an <i> or <b> left open, so a reference cannot italicize the rest of the page. */
function balance(markup: string): string {
  let out = markup;
  for (const tag of ['i', 'b']) {
    const opened = out.split(`<${tag}>`).length - out.split(`</${tag}>`).length;
    for (let n = 0; n < opened; n++) out += `</${tag}>`;
  }
  return out;
}
