import type { CiteEntry } from '../../core/citations/cite.js';
import { sourceLabel } from '../../core/citations/label.js';
import { type CitedSource, RECORD_FILES, RECORD_FORMATS } from '../../core/citations/records.js';
import type { CitationStyle } from '../../core/citations/styles.js';
import type { KnowledgeBase, Topic } from '../../knowledge/types.js';
import { type Html, html, join } from '../escape.js';
import { GROUP_NAMES, PATHS, page } from '../layout.js';
import { markdownToHtml } from '../markdown.js';
import { citationMeta, coins } from '../metadata.js';
import { styleSection } from '../references.js';

export interface TopicPageData {
  readonly kb: KnowledgeBase;
  readonly topic: Topic;
  /** What the topic cites, as the core's records do. */
  readonly cited: readonly CitedSource[];
  /** The topic's references in each style the page shows, from the port's one cite resolver. */
  readonly styles: readonly { readonly style: CitationStyle; readonly entries: readonly CiteEntry[] }[];
}

/** A download link for each record format: one topic's references as a file. */
export function downloadLinks(topics: readonly string[], label: string): Html {
  const query = topics.map((t) => `topic=${encodeURIComponent(t)}`).join('&');
  return html`<ul class="files" aria-label="${label}">${join(
    RECORD_FORMATS.map(
      (format) =>
        html`<li><a href="${PATHS.download}?${query}&amp;format=${format}" download>${RECORD_FILES[format].extension === 'json' ? 'CSL-JSON' : format === 'ris' ? 'RIS' : 'BibTeX'} (.${RECORD_FILES[format].extension})</a></li>`,
    ),
  )}</ul>`;
}

/**
 * A topic: its summary, its verbatim quotes with their sources, its background facts, the topics
 * linked to it, its sources, and its references in every style with copy buttons and downloads.
 * The head carries the first source's citation metadata and a COinS span per source.
 */
export function topicPage({ kb, topic, cited, styles }: TopicPageData): Html {
  const first = cited[0];
  const related = topic.related.flatMap((id) => {
    const t = kb.topics.get(id);
    return t === undefined ? [] : [t];
  });
  const sourceIds = [
    ...new Set([
      ...cited.flatMap((c) => [c.source.id, ...(c.via ? [c.via.id] : [])]),
      ...topic.background.map((b) => b.source),
    ]),
  ];
  const head = html`${first === undefined ? '' : citationMeta(first.source)}<link rel="alternate" type="application/vnd.citationstyles.csl+json" href="${PATHS.download}?topic=${encodeURIComponent(topic.id)}&amp;format=csl-json">`;
  return page(
    { title: topic.title, head },
    html`<article>
<p class="kicker">${GROUP_NAMES[topic.group] ?? topic.group}</p>
<h1>${topic.title}</h1>
<div class="summary">${markdownToHtml(topic.summary)}</div>
${join(cited.map(coins))}
${
  topic.quotes.length === 0
    ? ''
    : html`<section aria-labelledby="quotes">
<h2 id="quotes">${topic.quotes.length === 1 ? 'The quote' : 'The quotes'}, word for word</h2>
${join(
  topic.quotes.map((q) => {
    const source = kb.sources.get(q.source);
    const via = source?.quotedIn === undefined ? undefined : kb.sources.get(source.quotedIn);
    return html`<figure class="quote">
<blockquote><p>${q.text}</p></blockquote>
<figcaption>${source === undefined ? q.source : html`<a href="${PATHS.source(source.id)}">${source.publisher}, ${sourceLabel(source)}</a>`}${via === undefined ? '' : html`, as quoted in <a href="${PATHS.source(via.id)}">${via.publisher}, ${sourceLabel(via)}</a>`}</figcaption>
</figure>`;
  }),
)}
</section>`
}
${
  topic.background.length === 0
    ? ''
    : html`<section aria-labelledby="background">
<h2 id="background">Background</h2>
<ul class="facts">${join(
        topic.background.map((b) => {
          const source = kb.sources.get(b.source);
          return html`<li>${b.text} <span class="from">(<a href="${PATHS.source(b.source)}">${source === undefined ? b.source : sourceLabel(source)}</a>)</span></li>`;
        }),
      )}</ul>
</section>`
}
<section aria-labelledby="cite">
<h2 id="cite">Cite it</h2>
${join(styles.map((s) => styleSection(s.style, s.entries, 'cite')))}
<h3>For a reference manager</h3>
${downloadLinks([topic.id], `Download the references of ${topic.title}`)}
</section>
${
  related.length === 0
    ? ''
    : html`<section aria-labelledby="related">
<h2 id="related">Related</h2>
<ul>${join(related.map((t) => html`<li><a href="${PATHS.topic(t.id)}">${t.title}</a> <span class="group">${GROUP_NAMES[t.group] ?? t.group}</span></li>`))}</ul>
</section>`
}
<section aria-labelledby="sources">
<h2 id="sources">Sources</h2>
<ul>${join(
      sourceIds.map((id) => {
        const s = kb.sources.get(id);
        return s === undefined
          ? ''
          : html`<li><a href="${PATHS.source(id)}">${s.publisher}, ${sourceLabel(s)}</a></li>`;
      }),
    )}</ul>
</section>
</article>`,
  );
}
