import type { Answer, Block, Inline, Reference } from '../core/answer.js';
import { sourceLabel } from '../core/citations/label.js';
import type { KnowledgeBase } from '../knowledge/types.js';
import { type Html, html, join, safeHref } from './escape.js';
import { PATHS } from './layout.js';
import { styleName } from './references.js';

/**
 * An answer as HTML, from its structure (blocks of typed inline runs, quotes, facts, references,
 * notes): the page never parses the answer's Markdown view and never decides anything by its words.
 */
export function answerBody(answer: Answer, kb: KnowledgeBase): Html {
  const unshown = answer.quotes.filter((q) => !q.shownInText);
  return html`${join(answer.notes.map((n) => html`<p class="note" data-code="${n.code}">${inlines(n.content)}</p>`))}
${join(answer.blocks.map((b) => block(b, kb)))}
${join(unshown.map((q) => html`<figure class="quote"><blockquote><p>${q.text}</p></blockquote>${sourceCaption(kb, q.sourceId)}</figure>`))}
${
  answer.facts.length === 0
    ? ''
    : html`<ul class="facts">${join(
        answer.facts.map(
          (f) =>
            html`<li>${f.text} <span class="from">(<a href="${PATHS.source(f.sourceId)}">${kb.sources.get(f.sourceId)?.publisher ?? f.sourceId}</a>)</span></li>`,
        ),
      )}</ul>`
}
${answer.references.length === 0 ? '' : html`<h3>Sources</h3>${join(answer.references.map(reference))}`}`;
}

function block(b: Block, kb: KnowledgeBase): Html {
  switch (b.kind) {
    case 'paragraph':
      return html`<p${b.role === 'summary' ? html` class="summary"` : ''}>${inlines(b.content)}</p>\n`;
    case 'list':
      return html`<ul>${join(b.items.map((item) => html`<li>${inlines(item)}</li>`))}</ul>\n`;
    case 'quote':
      return html`<figure class="quote"><blockquote><p>${b.text}</p></blockquote>${b.sourceId === null ? '' : sourceCaption(kb, b.sourceId)}</figure>\n`;
  }
}

function inlines(runs: readonly Inline[]): Html {
  return join(runs.map(inline));
}

function inline(run: Inline): Html {
  switch (run.kind) {
    case 'text':
      return html`${run.text}`;
    case 'strong':
      return html`<strong>${run.text}</strong>`;
    case 'emphasis':
      return html`<em>${run.text}</em>`;
    case 'link': {
      const href = safeHref(run.url);
      return href === undefined ? html`${run.text}` : html`<a href="${href}">${run.text}</a>`;
    }
    case 'quoted':
      return html`<q>${run.text}</q>`;
    case 'topic':
      return html`<a href="${PATHS.topic(run.topic)}">${run.text}</a>`;
  }
}

/** Whose words a quote is, linked to the source's page; a second-hand one names the page relaying it. */
function sourceCaption(kb: KnowledgeBase, id: string): Html {
  const source = kb.sources.get(id);
  if (source === undefined) return html``;
  const via = source.quotedIn === undefined ? undefined : kb.sources.get(source.quotedIn);
  return html`<figcaption><a href="${PATHS.source(id)}">${source.publisher}, ${sourceLabel(source)}</a>${via === undefined ? '' : html`, as quoted in <a href="${PATHS.source(via.id)}">${via.publisher}, ${sourceLabel(via)}</a>`}</figcaption>`;
}

/**
 * One source's reference in the answer's style: the entry (or record), then its in-text form or
 * notes, each with a copy button, and a link to the source's page with every other style.
 */
function reference(r: Reference): Html {
  const name = styleName(r.style);
  const parts: [string, string][] = [
    [r.kind === 'record' ? 'Record' : 'Entry', r.entry],
    ...(r.inText === undefined ? [] : ([['In text', r.inText]] as [string, string][])),
    ...(r.note === undefined
      ? []
      : ([
          ['Note', r.note.full],
          ['Short note', r.note.short],
        ] as [string, string][])),
  ];
  return html`<div class="entry">
<p class="use"><a href="${PATHS.source(r.sourceId)}">${r.label}</a></p>
${join(
  parts.map(
    ([label, text]) => html`<div class="part"><p class="part-label">${label}</p>
<p class="ref${r.kind === 'record' ? ' plain' : ''}">${text}</p>
<button type="button" class="copy" data-copy="${text}" data-style="${r.style}" hidden>Copy<span class="vh"> ${name} ${label.toLowerCase()}</span></button></div>`,
  ),
)}
</div>`;
}
