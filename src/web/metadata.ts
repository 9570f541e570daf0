import type { CitedSource } from '../core/citations/records.js';
import type { Source } from '../knowledge/types.js';
import { type Html, html, join } from './escape.js';

/**
 * What a reference manager reads from a page: Highwire-style `citation_*` meta tags for the work
 * the page cites (Zotero's Embedded Metadata translator, Google Scholar), and a COinS span per
 * source (Zotero's COinS translator), so "save to Zotero" on a topic page saves its sources, not
 * the page. Only what the source gives is written: no date or URL is made up.
 */
export function citationMeta(source: Source): Html {
  const tags: [string, string][] = [];
  const add = (name: string, value: string | undefined) => {
    if (value !== undefined && value !== '') tags.push([name, value]);
  };
  add('citation_title', source.title ?? source.description);
  add('citation_author', source.publisher);
  add('citation_publisher', source.publisher);
  add('citation_publication_date', source.date?.replace(/-/g, '/'));
  if (source.kind === 'report') {
    add('citation_technical_report_institution', source.publisher);
    add('citation_technical_report_number', source.number);
  }
  if (source.url !== undefined) {
    add(/\.pdf($|[?#])/i.test(source.url) ? 'citation_pdf_url' : 'citation_public_url', source.url);
  }
  add('citation_language', 'en');
  return join(tags.map(([name, content]) => html`<meta name="${name}" content="${content}">\n`));
}

/** An OpenURL ContextObject in a span (COinS, Z39.88-2004): one per source a page cites. */
export function coins({ source, via }: CitedSource): Html {
  const fields: [string, string][] = [['ctx_ver', 'Z39.88-2004']];
  const add = (key: string, value: string | undefined) => {
    if (value !== undefined && value !== '') fields.push([key, value]);
  };
  if (source.kind === 'report') {
    add('rft_val_fmt', 'info:ofi/fmt:kev:mtx:book');
    add('rft.genre', 'report');
    add('rft.btitle', source.title ?? source.description);
    add('rft.aucorp', source.publisher);
    add('rft.pub', source.publisher);
    add('rft.date', source.date);
  } else {
    add('rft_val_fmt', 'info:ofi/fmt:kev:mtx:dc');
    add('rft.type', 'webpage');
    add('rft.title', source.title ?? source.description);
    add('rft.creator', source.publisher);
    add('rft.publisher', source.publisher);
    add('rft.date', source.date);
  }
  add('rft_id', source.url);
  if (via !== undefined) {
    add('rft.description', `Quoted in ${via.publisher}, ${via.title ?? via.description ?? via.id}`);
  }
  const title = fields.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
  return html`<span class="Z3988" title="${title}"></span>`;
}
