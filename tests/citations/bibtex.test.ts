import { Cite } from '@citation-js/core';
import { describe, expect, it } from 'vitest';
import { toCslItem } from '../../src/core/citations/csl.js';
import { formatReference } from '../../src/core/citations/reference.js';
import { renderRecords } from '../../src/core/citations/render.js';
import { knowledgeBase } from '../support/assistant.js';
import { source } from './helpers.js';

interface Parsed {
  readonly title?: string;
  readonly author?: readonly { family?: string; literal?: string }[];
  readonly issued?: { 'date-parts': number[][] };
}

const name = (item: Parsed): string | undefined => item.author?.[0]?.literal ?? item.author?.[0]?.family;
const year = (item: Parsed): number | undefined => item.issued?.['date-parts'][0]?.[0];

/** A title as BibTeX hands it back to CSL: the braces that protected its proper nouns dropped. */
const plainTitle = (title: string | undefined): string | undefined =>
  title?.replace(/<span class="nocase">(.*?)<\/span>/g, '$1');

describe('BibTeX output', () => {
  for (const id of ['odni-ata-2024', '1787-transnational-crime', 'gao-20-388']) {
    it(`parses back (citation-js reads it) to the same title, author and year: ${id}`, async () => {
      const s = source(id);
      const bibtex = (await formatReference(s, undefined, 'bibtex')).entry;
      const [parsed] = new Cite(bibtex).data as Parsed[];
      const original = toCslItem(s);
      // BibTeX stores the title as published (headline case), not CSL's sentence case.
      expect(plainTitle(parsed?.title)).toBe(s.title);
      expect(parsed && name(parsed)).toBe(original.author?.[0]?.literal);
      expect(parsed && year(parsed)).toBe(original.issued?.['date-parts'][0][0]);
    });
  }

  it('keeps both records of a second-hand quote readable', async () => {
    const ata = source('odni-ata-2024');
    const bibtex = (await formatReference(ata, source('1787-transnational-crime'), 'bibtex')).entry;
    const parsed = new Cite(bibtex).data as Parsed[];
    expect(parsed.map((p) => plainTitle(p.title))).toEqual([
      'Annual Threat Assessment of the U.S. Intelligence Community',
      'Transnational Crime',
    ]);
    expect(parsed[0] && year(parsed[0])).toBe(2024);
    expect(parsed[1] && year(parsed[1])).toBeUndefined();
  });
  it('carries every access date in urldate, where Zotero, JabRef, biblatex and citation-js read it', () => {
    let accessed = 0;
    for (const s of knowledgeBase().sources.values()) {
      const bibtex = renderRecords([{ source: s }], 'bibtex');
      const [parsed] = new Cite(bibtex).data as { accessed?: { 'date-parts': number[][] } }[];
      if (s.accessed === undefined) {
        expect(bibtex, s.id).not.toMatch(/urldate/);
        continue;
      }
      accessed += 1;
      // Zotero's BibTeX translator reads the access date from urldate (or lastchecked) alone.
      expect(bibtex, s.id).toMatch(new RegExp(`^\\s*urldate = \\{${s.accessed}\\},$`, 'm'));
      expect(parsed?.accessed, s.id).toEqual({ 'date-parts': [s.accessed.split('-').map(Number)] });
    }
    expect(accessed).toBeGreaterThan(0);
  });
});
