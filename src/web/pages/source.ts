import type { CiteEntry } from '../../core/citations/cite.js';
import { longDate } from '../../core/citations/dates.js';
import { sourceLabel } from '../../core/citations/label.js';
import type { CitationStyle } from '../../core/citations/styles.js';
import type { KnowledgeBase, Source } from '../../knowledge/types.js';
import { type Html, html, join, safeHref } from '../escape.js';
import { PATHS, page } from '../layout.js';
import { citationMeta, coins } from '../metadata.js';
import { styleSection } from '../references.js';

export interface SourcePageData {
  readonly kb: KnowledgeBase;
  readonly source: Source;
  /** Its reference in every style (as itself and, held second-hand, as quoted), from the port. */
  readonly styles: readonly { readonly style: CitationStyle; readonly entries: readonly CiteEntry[] }[];
}

/** A source: what it is, where to read it, its reference in every style, and the topics that quote it. */
export function sourcePage({ kb, source, styles }: SourcePageData): Html {
  const href = source.url === undefined ? undefined : safeHref(source.url);
  const topics = [...kb.topics.values()].filter((t) =>
    [...t.quotes, ...t.background].some((q) => q.source === source.id),
  );
  const facts: [string, Html | string][] = [
    ['Publisher', source.publisher],
    ...(source.number === undefined ? [] : ([['Number', source.number]] as [string, string][])),
    ...(source.date === undefined ? [] : ([['Date', longDate(source.date)]] as [string, string][])),
    ...(source.accessed === undefined
      ? []
      : ([['Read on', longDate(source.accessed)]] as [string, string][])),
    ...(href === undefined ? [] : ([['Address', html`<a href="${href}">${href}</a>`]] as [string, Html][])),
  ];
  return page(
    { title: sourceLabel(source), head: citationMeta(source) },
    html`<article>
<p class="kicker">Source · ${source.kind === 'report' ? 'report' : 'web page'}</p>
<h1>${sourceLabel(source)}</h1>
${coins({ source })}
<dl class="facts">${join(facts.map(([k, v]) => html`<dt>${k}</dt><dd>${v}</dd>`))}</dl>
<section aria-labelledby="cite">
<h2 id="cite">Its reference in every style</h2>
${join(styles.map((s) => styleSection(s.style, s.entries, 'cite')))}
</section>
${
  topics.length === 0
    ? ''
    : html`<section aria-labelledby="topics">
<h2 id="topics">Topics that draw on it</h2>
<ul>${join(topics.map((t) => html`<li><a href="${PATHS.topic(t.id)}">${t.title}</a></li>`))}</ul>
</section>`
}
</article>`,
  );
}
