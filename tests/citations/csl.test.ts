import { describe, expect, it } from 'vitest';
import { cslDate, shortTitle, toCslItem } from '../../src/core/citations/csl.js';
import { bibtexTitle, latex } from '../../src/core/citations/bibtex.js';
import { americanPunctuation } from '../../src/core/citations/plain.js';
import { joinNotes } from '../../src/core/citations/render.js';
import { knowledgeBase, source } from './helpers.js';

describe('CSL items', () => {
  it('keep an institution whole as author, and give dates only as precise as the source', () => {
    expect(cslDate('2024-02-05')).toEqual({ 'date-parts': [[2024, 2, 5]] });
    expect(cslDate('2020-05')).toEqual({ 'date-parts': [[2020, 5]] });
    const gao = toCslItem(source('gao-20-388'));
    expect(gao).toMatchObject({
      type: 'report',
      number: 'GAO-20-388',
      author: [{ literal: 'U.S. Government Accountability Office' }],
      issued: { 'date-parts': [[2020, 5, 12]] },
    });
  });

  it('give a work of unknown title no title: its number, and our description as its genre', () => {
    // CSL-JSON has no "description": genre ("type, class or subtype") is where CSL tools show one.
    expect(toCslItem(source('crs-if10578'))).toEqual({
      id: 'crs-if10578',
      type: 'report',
      genre: 'Brief on U.S.-Mexico security cooperation and the Mérida Initiative',
      number: 'IF10578',
      author: [{ literal: 'Congressional Research Service' }],
      publisher: 'Congressional Research Service',
    });
  });

  it('use the sentence-case title when the source gives one, else the title as written', () => {
    expect(toCslItem(source('odni-ata-2024')).title).toBe(
      'Annual threat assessment of the U.S. Intelligence Community',
    );
    expect(toCslItem(source('state-ilea')).title).toBe('International Law Enforcement Academy (ILEA)');
  });

  it('are valid for every source in the knowledge base', () => {
    for (const s of knowledgeBase().sources.values()) {
      const item = toCslItem(s);
      expect(item.id).toBe(s.id);
      expect(item.author?.[0]?.literal).toBe(s.publisher);
      if (s.kind === 'webpage') expect(item.accessed, s.id).toBeDefined();
    }
  });
});

describe('short titles (Chicago: key words, at most four)', () => {
  it.each([
    ['Annual threat assessment of the U.S. Intelligence Community', 'Annual threat assessment'],
    ['Transnational crime', 'Transnational crime'],
    ['The chicago manual of style', 'chicago manual of style'],
    ['GAO-20-388 (monitoring of Merida Initiative projects by INL)', 'GAO-20-388'],
    ['What is 1787', 'What is 1787'],
    ['Subject: a subtitle', 'Subject'],
  ])('%s -> %s', (title, short) => {
    expect(shortTitle(title)).toBe(short);
  });
});

describe('joining notes ("quoted in")', () => {
  it('turns the first note’s period into a comma, inside a closing quotation mark', () => {
    expect(joinNotes('A, Title.', 'quoted in', 'B, “Page.”')).toBe('A, Title, quoted in B, “Page.”');
    expect(joinNotes('A, “Article.”', 'quoted in', 'B, Book.')).toBe('A, “Article,” quoted in B, Book.');
    expect(joinNotes('A, Title', 'quoted in', 'B.')).toBe('A, Title, quoted in B.');
  });
});

describe('American punctuation around quoted titles', () => {
  it('puts a following comma or period inside the closing mark, and drops it after ? or !', () => {
    expect(americanPunctuation('1787, “Transnational Crime”, accessed')).toBe(
      '1787, “Transnational Crime,” accessed',
    );
    expect(americanPunctuation('“Transnational Crime”.')).toBe('“Transnational Crime.”');
    // A semicolon stays outside (CMOS 17 6.10).
    expect(americanPunctuation('“Title”; quoted in')).toBe('“Title”; quoted in');
    expect(americanPunctuation('“What Is 1787?”, https://x')).toBe('“What Is 1787?” https://x');
    expect(americanPunctuation('“[What Is 1787?](https://x)”, accessed')).toBe(
      '“[What Is 1787?](https://x)” accessed',
    );
  });
});

describe('BibTeX titles (headline case, proper nouns braced)', () => {
  it('braces the words the sentence-case title keeps capitalized, grouped, and acronyms anywhere', () => {
    expect(bibtexTitle(source('odni-ata-2024'))).toBe(
      'Annual Threat Assessment of the {U.S. Intelligence Community}',
    );
    expect(bibtexTitle(source('gao-20-388'))).toBe(
      "{U.S.} Assistance to {Mexico}: {State Department} Could Improve Its Monitoring of {M{\\'e}rida Initiative} Projects",
    );
    // Without a sentence-case spelling, the title is taken as one: its capitals are names.
    expect(bibtexTitle(source('doj-oia'))).toBe('Office of {International Affairs} ({OIA})');
    expect(bibtexTitle(source('1787-transnational-crime'))).toBe('Transnational Crime');
    expect(bibtexTitle(source('crs-if10578'))).toBeUndefined();
  });

  it('protects the whole title when the two spellings disagree, rather than guess', () => {
    const odd = { ...source('gao-20-388'), titleSentenceCase: 'Something else entirely' };
    expect(bibtexTitle(odd)).toBe(`{${latex(odd.title ?? '')}}`);
  });

  it('escapes TeX’s special characters and writes accents as commands', () => {
    expect(latex('Mérida & co. 100% #1_{x}')).toBe("M{\\'e}rida \\& co. 100\\% \\#1\\_\\{x\\}");
    expect(latex('“Façade” – naïve')).toBe("``Fa{\\c{c}}ade'' -- na{\\\"i}ve");
  });
});
