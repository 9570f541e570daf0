import type { TopicMatch, TopicSummary } from '../../core/topics.js';
import { type Html, html, join } from '../escape.js';
import { GROUP_NAMES, PATHS, page } from '../layout.js';
import { MAX_SEARCH_LENGTH } from '../limits.js';

export interface HomeOptions {
  readonly topics: readonly TopicSummary[];
  /** What was searched for, and what was found: the results page of the plain GET form. */
  readonly search?: { readonly query: string; readonly found: readonly TopicMatch[] };
  /** A message about the request (a search too long), shown above the form. */
  readonly problem?: string;
}

/**
 * The front page: the search box (a GET form: without JavaScript it loads /search; the script
 * lists topics as one types from /api/topics), then every topic by group, each with a checkbox of
 * the basket form whose buttons download the ticked topics' references as one file.
 */
export function homePage(options: HomeOptions): Html {
  const { search } = options;
  const title = search === undefined ? 'Citations on transnational crime' : `Topics for “${search.query}”`;
  return page(
    { title, current: 'home' },
    html`<h1>${search === undefined ? 'Find a topic, copy its reference' : title}</h1>
${options.problem === undefined ? '' : html`<p class="problem" role="alert">${options.problem}</p>`}
<form class="search" action="${PATHS.search}" method="get" role="search">
<label for="q">Search the topics</label>
<div class="row">
<input id="q" name="q" type="search" autocomplete="off" maxlength="${MAX_SEARCH_LENGTH}" value="${search?.query ?? ''}" aria-describedby="q-hint" aria-controls="suggestions">
<button type="submit">Search</button>
</div>
<p id="q-hint" class="hint">A word or two is enough: “fent”, “ransom”, “INL”. Typos are fine.</p>
</form>
<div id="suggestions" class="results" aria-live="polite">${search === undefined ? '' : results(search.found, search.query)}</div>
${basket(options.topics)}`,
  );
}

function results(found: readonly TopicMatch[], query: string): Html {
  if (found.length === 0) {
    return html`<p>No topic matches “${query}”. Try another word, or pick from the list below.</p>`;
  }
  return html`<h2>${found.length} topic${found.length === 1 ? '' : 's'} found</h2>
<ol class="found">${join(
    found.map(
      (m) =>
        html`<li><a href="${PATHS.topic(m.intent)}">${m.title}</a> <span class="group">${GROUP_NAMES[m.group] ?? m.group}</span></li>`,
    ),
  )}</ol>`;
}

function basket(topics: readonly TopicSummary[]): Html {
  const groups = [...new Set(topics.map((t) => t.group))];
  return html`<form class="basket" action="${PATHS.download}" method="get">
<h2 id="all-topics">All topics</h2>
<p class="hint">Tick topics to download their references together, for Zotero, EndNote or a BibTeX file.</p>
${join(
  groups.map(
    (group) => html`<fieldset>
<legend>${GROUP_NAMES[group] ?? group}</legend>
<ul class="topics">${join(
      topics
        .filter((t) => t.group === group)
        .map(
          (t) => html`<li>
<input type="checkbox" name="topic" value="${t.intent}" id="pick-${t.intent}">
<label for="pick-${t.intent}" class="vh">Add ${t.title} to the download</label>
<a href="${PATHS.topic(t.intent)}">${t.title}</a>
</li>`,
        ),
    )}</ul>
</fieldset>`,
  ),
)}
<div class="downloads" role="group" aria-label="Download the ticked topics">
<p id="basket-count" aria-live="polite" class="hint">Download the ticked topics as:</p>
<button type="submit" name="format" value="bibtex">BibTeX (.bib)</button>
<button type="submit" name="format" value="ris">RIS (.ris)</button>
<button type="submit" name="format" value="csl-json">CSL-JSON (.json)</button>
</div>
</form>`;
}
