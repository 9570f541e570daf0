/**
 * The citation styles policybot writes references in. Kept free of zod and of the citation engine:
 * the one-shot CLI imports this list at start-up (config/env.ts builds its zod enum from it).
 */
export const CITATION_STYLES = [
  'chicago',
  'apa',
  'mla',
  'plain',
  'markdown',
  'bibtex',
  'ris',
  'csl-json',
] as const;

export type CitationStyle = (typeof CITATION_STYLES)[number];

/**
 * The style of `Answer.citations[].reference` when POLICYBOT_CITATION_STYLE is not set. Chicago
 * notes and bibliography is what a memo with footnotes is edited to, and its bibliography entry is
 * one line that names a second-hand quote's source and the page that quotes it ("Quoted in").
 */
export const DEFAULT_CITATION_STYLE: CitationStyle = 'chicago';

/**
 * Bump when any style's output changes (a CSL file, csl.ts or render.ts), so that references kept
 * in the start-up cache are rendered afresh. tests/citations/version.test.ts pins the sources it covers.
 */
export const REFERENCES_VERSION = 10;

export const STYLE_LABELS: Readonly<Record<CitationStyle, string>> = {
  chicago: 'Chicago (17th ed.), notes and bibliography',
  apa: 'APA (7th ed.)',
  mla: 'MLA (9th ed.)',
  plain: 'plain text: publisher, title, date, URL on one line',
  markdown: 'Markdown: the plain line with the title linked',
  bibtex: 'BibTeX, for reference managers',
  ris: 'RIS, for reference managers (Zotero, EndNote, Mendeley)',
  'csl-json': 'CSL-JSON, for reference managers',
};

/** Styles that need the citation engine (citation-js); plain and markdown are written directly. */
export const ENGINE_STYLES: ReadonlySet<CitationStyle> = new Set([
  'chicago',
  'apa',
  'mla',
  'bibtex',
  'ris',
  'csl-json',
]);

const known: ReadonlySet<string> = new Set(CITATION_STYLES);

export function isCitationStyle(value: string): value is CitationStyle {
  return known.has(value);
}
