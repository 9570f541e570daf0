import { Cite } from '@citation-js/core';
import { describe, expect, it } from 'vitest';
import { toCslItem } from '../../src/core/citations/csl.js';
import { formatReference } from '../../src/core/citations/reference.js';
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
});
