import type { Source } from '../../knowledge/types.js';
import { americanPunctuation, plainTitlePart } from './plain.js';

/** A CSL date: year, optionally month and day, as the source gives it. */
export interface CslDate {
  readonly 'date-parts': readonly [readonly number[]];
}

/** An institution as author: CSL's `literal` keeps it whole (never "Intelligence, O. of the D."). */
export interface CslName {
  readonly literal: string;
}

/** The part of CSL-JSON (https://citeproc-js.readthedocs.io/en/latest/csl-json/markup.html) our sources fill. */
export interface CslItem {
  readonly id: string;
  readonly type: 'report' | 'webpage';
  /** Sentence case, as CSL data is kept: styles that want headline case convert it. Absent when unknown. */
  readonly title?: string;
  readonly 'title-short'?: string;
  /** Our description of a work whose title is not known (CSL's "type, class or subtype"): "Home page". */
  readonly genre?: string;
  /** A report's own number: "GAO-20-388". */
  readonly number?: string;
  readonly author?: readonly CslName[];
  readonly publisher?: string;
  readonly issued?: CslDate;
  readonly accessed?: CslDate;
  readonly URL?: string;
  readonly note?: string;
}

/** "2024-02-05" -> [[2024, 2, 5]]; "2020-05" -> [[2020, 5]]. */
export function cslDate(iso: string): CslDate {
  return { 'date-parts': [iso.split('-').map(Number)] };
}

const SHORT_TITLE_STOP = new Set([
  'a',
  'an',
  'the',
  'of',
  'and',
  'for',
  'in',
  'on',
  'to',
  'with',
  'against',
  'by',
]);

/**
 * Chicago's short title: the key words of the main title, four at most, without a leading article
 * or a trailing preposition ("Annual threat assessment of the U.S. ..." -> "Annual threat assessment").
 * A subtitle or a parenthesis ends it.
 */
export function shortTitle(title: string): string {
  const main = title.split(/:\s|\s\(/)[0] ?? title;
  const words = main.split(/\s+/).filter(Boolean);
  if (words.length > 1 && /^(a|an|the)$/i.test(words[0] ?? '')) words.shift();
  const kept = words.slice(0, 4);
  while (kept.length > 1 && SHORT_TITLE_STOP.has((kept.at(-1) ?? '').toLowerCase())) kept.pop();
  return kept.join(' ');
}

/**
 * Our source as a CSL-JSON item. The publisher is also the author: every source here is the work
 * of an institution (ODNI, 1787, a department), never of a person it names. Each style decides
 * what to do when the two coincide (render.ts).
 */
export function toCslItem(source: Source, via?: Source): CslItem {
  const title = source.titleSentenceCase ?? source.title;
  const short = title === undefined ? undefined : shortTitle(title);
  return {
    id: source.id,
    type: source.kind,
    ...(title === undefined ? {} : { title }),
    ...(short === undefined || short === title ? {} : { 'title-short': short }),
    ...(title === undefined && source.description !== undefined ? { genre: source.description } : {}),
    ...(source.number === undefined ? {} : { number: source.number }),
    author: [{ literal: source.publisher }],
    publisher: source.publisher,
    ...(source.date === undefined ? {} : { issued: cslDate(source.date) }),
    ...(source.accessed === undefined ? {} : { accessed: cslDate(source.accessed) }),
    ...(source.url === undefined ? {} : { URL: source.url }),
    ...(via === undefined ? {} : { note: quotedInNote(via) }),
  };
}

/** "Quoted in 1787, “Transnational Crime,” https://…": the comma inside the closing mark. */
function quotedInNote(via: Source): string {
  const parts = [via.publisher, plainTitlePart(via), ...(via.url ? [via.url] : [])];
  return `Quoted in ${americanPunctuation(parts.join(', '))}`;
}
