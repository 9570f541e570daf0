/**
 * The citation engine: citation-js renders our sources' CSL-JSON items with CSL styles (citeproc-js
 * underneath) and writes BibTeX. Loading it costs a few hundred milliseconds, so nothing on the
 * start-up path of a one-shot `ask` imports this module: `cite` and the start-up cache, when it
 * renders a style afresh, import it on demand (reference.ts).
 */
import { Cite, type CitationCluster, plugins } from '@citation-js/core';
import '@citation-js/plugin-csl';
import '@citation-js/plugin-bibtex';
// RIS, the format every reference manager imports (Zotero, EndNote, Mendeley): same records, another writer.
import '@citation-js/plugin-ris';
import type { Source } from '../../knowledge/types.js';
import { bibtexTitle } from './bibtex.js';
import { type CslItem, toCslItem } from './csl.js';
import type { CitedSource, RecordFormat } from './records.js';
import type { FormattedReference } from './reference.js';
import type { CitationStyle } from './styles.js';
// CSL files, so that a citation person can open them in a CSL editor; imported as text (see
// src/types/csl.d.ts), which inlines them in the bundle.
import APA_CSL from './styles/apa.csl';
import CHICAGO_CSL from './styles/chicago.csl';
import MLA_CSL from './styles/mla.csl';

const TEMPLATES = { chicago: 'policybot-chicago', apa: 'policybot-apa', mla: 'policybot-mla' } as const;
const LANG = 'en-US';

const csl = plugins.config.get('@csl');
csl.styles.add(TEMPLATES.chicago, CHICAGO_CSL);
csl.styles.add(TEMPLATES.apa, APA_CSL);
csl.styles.add(TEMPLATES.mla, MLA_CSL);
// BibTeX keys from our source ids (odni-ata-2024 -> odniata2024), not guessed from author and title.
plugins.config.get('@bibtex').format.useIdAsLabel = true;

type Format = 'text' | 'html';

class Renderer {
  private readonly cite: Cite;

  constructor(
    items: readonly CslItem[],
    private readonly template: string,
  ) {
    this.cite = new Cite(items);
  }

  bibliography(id: string, format: Format): string {
    const out = this.cite.format('bibliography', { template: this.template, lang: LANG, format, entry: id });
    return format === 'html' ? unwrapEntry(out) : out.trim();
  }

  /** A note or parenthetical; `subsequent` asks for the short form, as for a source cited before. */
  citation(id: string, format: Format, subsequent = false): string {
    const cluster = (noteIndex: number): CitationCluster => ({
      citationItems: [{ id }],
      properties: { noteIndex },
    });
    return this.cite
      .format('citation', {
        template: this.template,
        lang: LANG,
        format,
        entry: cluster(subsequent ? 2 : 1),
        ...(subsequent ? { citationsPre: [cluster(1)] } : {}),
      })
      .trim();
  }
}

/** citeproc's HTML bibliography is a <div class="csl-bib-body"> around one <div class="csl-entry">. */
function unwrapEntry(html: string): string {
  const match = /<div[^>]*class="csl-entry"[^>]*>([\s\S]*?)<\/div>/.exec(html);
  return (match?.[1] ?? html).trim();
}

/**
 * "Office …, Annual Threat Assessment." + "quoted in" + "1787, “Transnational Crime.”": the first
 * note's closing period becomes a comma (inside a closing quotation mark, as American style wants).
 */
export function joinNotes(first: string, phrase: string, second: string): string {
  const opened = /\.(”?)$/.test(first) ? first.replace(/\.(”?)$/, ',$1') : `${first},`;
  return `${opened} ${phrase} ${second}`;
}

/** "(Author, 2024)" -> "Author, 2024". */
function inner(parenthetical: string): string {
  return parenthetical.replace(/^\(/, '').replace(/\)$/, '');
}

function sameName(item: CslItem): boolean {
  return item.author?.length === 1 && item.author[0]?.literal === item.publisher;
}

/** APA: a publisher (or a web page's site name) that is also the author is not repeated. */
export function forApa(item: CslItem): CslItem {
  if (!sameName(item)) return item;
  const { publisher: _omitted, ...rest } = item;
  return rest;
}

/**
 * MLA: a work by an organization that is also its publisher begins with its title, the
 * organization given once, as publisher; URLs go without "https://".
 */
export function forMla(item: CslItem): CslItem {
  const { author, URL, ...rest } = sameName(item) ? { ...item, author: undefined } : item;
  return {
    ...rest,
    ...(author === undefined ? {} : { author }),
    ...(URL === undefined ? {} : { URL: URL.replace(/^https?:\/\//, '') }),
  };
}

function chicago(source: Source, via: Source | undefined, withHtml: boolean): FormattedReference {
  const items = [toCslItem(source), ...(via ? [toCslItem(via)] : [])];
  const r = new Renderer(items, TEMPLATES.chicago);
  const build = (format: Format) => {
    const own = r.bibliography(source.id, format);
    // CMOS 17 14.260: the original, then "Quoted in" and the secondary source in note form.
    const entry = via ? `${own} Quoted in ${r.citation(via.id, format)}` : own;
    const shortNote = r.citation(source.id, format, true);
    const note = via ? joinNotes(shortNote, 'quoted in', r.citation(via.id, format, true)) : shortNote;
    // CMOS 17 14.29: the first note of a source is full; a second-hand quote's full note names the
    // page that quotes it in full as well (14.260).
    const first = r.citation(source.id, format);
    const fullNote = via ? joinNotes(first, 'quoted in', r.citation(via.id, format)) : first;
    return { entry, note, fullNote };
  };
  const text = build('text');
  return {
    style: 'chicago',
    sourceId: source.id,
    ...(via ? { via: via.id } : {}),
    ...text,
    ...(withHtml ? { html: build('html') } : {}),
    line: text.entry,
  };
}

function apa(source: Source, via: Source | undefined, withHtml: boolean): FormattedReference {
  const items = [forApa(toCslItem(source)), ...(via ? [forApa(toCslItem(via))] : [])];
  const r = new Renderer(items, TEMPLATES.apa);
  const build = (format: Format) => {
    // APA 7 §8.6: the reference list gives the secondary source; the text names the primary one
    // with its year, "as cited in" the secondary.
    const entry = r.bibliography(via ? via.id : source.id, format);
    const inText = via
      ? `(${inner(r.citation(source.id, format))}, as cited in ${inner(r.citation(via.id, format))})`
      : r.citation(source.id, format);
    return { entry, inText };
  };
  const text = build('text');
  return {
    style: 'apa',
    sourceId: source.id,
    ...(via ? { via: via.id } : {}),
    ...text,
    ...(withHtml ? { html: build('html') } : {}),
    line: via ? `${text.entry} — in text: ${text.inText}` : text.entry,
  };
}

function mla(source: Source, via: Source | undefined, withHtml: boolean): FormattedReference {
  const cited = via ?? source;
  const r = new Renderer([forMla(toCslItem(cited))], TEMPLATES.mla);
  const build = (format: Format) => {
    // MLA 9 §6.77 (indirect sources): Works Cited lists the source consulted; the sentence names
    // the original and the parenthesis says "qtd. in".
    const entry = r.bibliography(cited.id, format);
    const own = r.citation(cited.id, format);
    return { entry, inText: via ? `(qtd. in ${inner(own)})` : own };
  };
  const text = build('text');
  return {
    style: 'mla',
    sourceId: source.id,
    ...(via ? { via: via.id, nameInText: source.publisher } : {}),
    ...text,
    ...(withHtml ? { html: build('html') } : {}),
    line: via
      ? `${text.entry} — in text, with ${source.publisher} named in the sentence: ${text.inText}`
      : text.entry,
  };
}

/** For reference managers: the source, and for a second-hand quote the page that quotes it too. */
function records(
  source: Source,
  via: Source | undefined,
  style: 'bibtex' | 'ris' | 'csl-json',
): FormattedReference {
  const entry = renderRecords([via ? { source, via } : { source }], style);
  return {
    style,
    sourceId: source.id,
    // A list of records holds each source once: the source's own record, its relay listed apart.
    ...(via ? { via: via.id, single: renderRecords([{ source, via }], style, { relays: false }) } : {}),
    entry,
    line: entry,
  };
}

/**
 * Sources as one file a reference manager imports: each once (the first form met wins, so no key
 * is written twice), a second-hand one followed by the page that quotes it.
 */
export function renderRecords(
  cited: readonly CitedSource[],
  format: RecordFormat,
  options: { readonly relays?: boolean } = {},
): string {
  const relays = options.relays ?? true;
  const items = new Map<string, { readonly item: CslItem; readonly source: Source }>();
  for (const { source, via } of cited) {
    for (const [s, relay] of [
      [source, via],
      ...(via && relays ? [[via, undefined] as const] : []),
    ] as const) {
      if (!items.has(s.id)) items.set(s.id, { item: toCslItem(s, relay), source: s });
    }
  }
  const list = [...items.values()];
  const cite = new Cite(list.map((i) => i.item));
  if (format === 'bibtex') return bibtexForImport(monthMacro(cite.format('bibtex')), list).trim();
  if (format === 'ris')
    return risForImport(
      unwrapRis(cite.format('ris')),
      list.map((i) => i.item),
    ).trim();
  return cite.format('data', { format: 'text' }).trim();
}

/**
 * citation-js breaks RIS values every 70 characters, and RIS readers (Zotero, citation-js itself)
 * join a continuation line with a space: a URL comes back as "…Unclassi fied-Report.pdf". One
 * line per tag, as the format's readers all accept.
 */
function unwrapRis(ris: string): string {
  return ris.replace(/\n(?![A-Z][A-Z0-9] {2}- )(?=.)/g, '');
}

/**
 * Each record as reference managers import it, its access date kept:
 * - `Y2` carries the access date on every record that has one: Zotero reads Y2 as the access date
 *   of every item type (its RIS translator's field map) and EndNote writes it so. citation-js
 *   writes it only for reports; for a web page (`TY  - ELEC`) it writes the 2011 RIS spec's `M1`,
 *   kept too, since that is where citation-js reads a web page's access date back.
 * - `ID` goes: it is a tag of the old RIS spec only, and citation-js reads a record that has it and
 *   no tag of the 2011 spec (an undated web page: no DA, no PY) by the old spec, which has no access
 *   date at all, so the date was lost on the way back. No reference manager imports ID as the key
 *   (Zotero makes its own; BibTeX and CSL-JSON keep our ids).
 * - `M3` ("type of work") carries our description of a work whose title is not known ("Home page"),
 *   which citation-js does not write for a web page: without it such a record says nothing of what
 *   the work is. Zotero reads it as the website type, citation-js as the medium.
 * - An institution's name (a CSL `literal`) is one `AU` with no comma: RIS has no field for an
 *   institution, and importers read the comma as the one between a family and a given name. Zotero
 *   splits an AU at its first comma and keeps a name with nothing after it whole, as an institution;
 *   "U.S. Department of State, Office of Inspector General" came back as a person named "Office of
 *   Inspector General U.S. Department of State". So a subordinate body follows its parent after a
 *   full stop, the form library catalogues give such names ("… of State. Office of Inspector General").
 * Records come out in the items' order, one per item.
 */
function risForImport(ris: string, items: readonly CslItem[]): string {
  const records = ris.split(/^(?=TY {2}- )/m);
  if (records.length !== items.length) return ris;
  return records
    .map((record, index) => {
      const item = items[index];
      const accessed = item?.accessed?.['date-parts'][0];
      const institutions = new Set(
        (item?.author ?? []).flatMap((a) => ('literal' in a && a.literal !== undefined ? [a.literal] : [])),
      );
      const lines = record
        .split('\n')
        .filter((line) => !line.startsWith('ID  - '))
        .map((line) => {
          const name = line.startsWith('AU  - ') ? line.slice(6) : undefined;
          return name !== undefined && institutions.has(name) ? `AU  - ${risInstitution(name)}` : line;
        });
      const add = (tag: string, value: string): void => {
        if (lines.some((line) => line.startsWith(`${tag}  - `))) return;
        const end = lines.findIndex((line) => line.startsWith('ER  - '));
        lines.splice(end < 0 ? lines.length : end, 0, `${tag}  - ${value}`);
      };
      if (accessed !== undefined) add('Y2', risDate(accessed));
      if (item?.genre !== undefined) add('M3', item.genre);
      return lines.join('\n');
    })
    .join('');
}

/** An institution as one RIS name: its parts after full stops, so no importer splits it at a comma. */
export function risInstitution(name: string): string {
  return name.replace(/\s*,\s*/g, '. ');
}

/** The RIS date form: year/month/day/ ("2026/11/26/"), as far as the date goes. */
function risDate(parts: readonly number[]): string {
  return `${[0, 1, 2].map((i) => (parts[i] === undefined ? '' : String(parts[i]))).join('/')}/`;
}

/**
 * Each entry as reference managers import it:
 * - the title as published, proper nouns braced (bibtex.ts): citation-js writes the CSL title, kept
 *   in sentence case, with every capital braced;
 * - `urldate`, the access date where Zotero's and JabRef's importers and biblatex read it (Zotero's
 *   BibTeX translator takes `urldate` as the access date; citation-js too). citation-js writes it
 *   only inside a note ("[Online; accessed …]"), kept for classic BibTeX styles, which print notes;
 *   without `urldate` the date never reached a reference manager's field.
 * Entries come out in the items' order.
 */
function bibtexForImport(
  bibtex: string,
  list: readonly { readonly item: CslItem; readonly source: Source }[],
): string {
  const entries = bibtex.split(/^(?=@)/m);
  const body = entries.filter((e) => e.startsWith('@'));
  if (body.length !== list.length) return bibtex;
  let index = 0;
  return entries
    .map((entry) => {
      if (!entry.startsWith('@')) return entry;
      const { item, source } = list[index++] as (typeof list)[number];
      const title = bibtexTitle(source);
      const titled =
        title === undefined
          ? entry
          : entry.replace(/^(\s*)title = \{.*\},$/m, (_, indent: string) => `${indent}title = {${title}},`);
      const accessed = item.accessed?.['date-parts'][0];
      if (accessed === undefined || /^\s*urldate = /m.test(titled)) return titled;
      const date = accessed.map((n, i) => (i === 0 ? String(n) : String(n).padStart(2, '0'))).join('-');
      return titled.replace(/\n\}(\s*)$/, `\n\turldate = {${date}},\n}$1`);
    })
    .join('');
}

/**
 * citation-js writes a full date's month as `month = {feb 5}`, which BibTeX prints as it stands
 * and biblatex rejects; the standard form is the month macro, with the day in biblatex's field.
 */
function monthMacro(bibtex: string): string {
  return bibtex.replace(/^(\s*)month = \{([a-z]{3}) (\d{1,2})\},$/gm, '$1month = $2,\n$1day = {$3},');
}

/**
 * One source (and the page that relays it, if any) in one of the engine's styles. `html: false`
 * skips the HTML parts, for the start-up cache, which keeps only the one-line text.
 */
export function renderReference(
  source: Source,
  via: Source | undefined,
  style: CitationStyle,
  options: { readonly html?: boolean } = {},
): FormattedReference {
  const withHtml = options.html ?? true;
  switch (style) {
    case 'chicago':
      return chicago(source, via, withHtml);
    case 'apa':
      return apa(source, via, withHtml);
    case 'mla':
      return mla(source, via, withHtml);
    case 'bibtex':
    case 'ris':
    case 'csl-json':
      return records(source, via, style);
    case 'plain':
    case 'markdown':
      throw new Error(`${style} needs no engine: use formatReference`);
  }
}
