/**
 * Each style, for each of our two primary sources, against a hand-checked string.
 *
 * The sources: ODNI's 2024 Annual Threat Assessment, a report whose author is a government agency
 * that is also its publisher, dated February 5, 2024 (released at the Senate hearing on March 11,
 * 2024: never the cited date); and 1787's "Transnational Crime" page, a web page by an
 * organization, undated, read (accessed) on November 26, 2026. We hold the assessment's words only
 * as the page quotes them, so the assessment is cited second-hand; its reference as if consulted
 * directly is checked too, for each style's rules for a government report.
 *
 * Above each expected string: the rule each part follows.
 */
import { describe, expect, it } from 'vitest';
import { formatReference } from '../../src/core/citations/reference.js';
import { ATA_PDF, PAGE_URL, source } from './helpers.js';

const ata = source('odni-ata-2024');
const page = source('1787-transnational-crime');
const ODNI = 'Office of the Director of National Intelligence';

describe('Chicago (CMOS 17, notes and bibliography)', () => {
  it('cites the report by a government author', async () => {
    const ref = await formatReference(ata, undefined, 'chicago');
    // Bibliography: the agency as author, inverted order not applying to an organization (CMOS:
    // organization as author); title in headline style and italics; the agency again as publisher
    // (an organization may be both author and publisher); place of publication omitted, as our
    // research does not record it (never invented); the document's full date; the URL last, then a
    // period. Elements separated by periods.
    expect(ref.entry).toBe(
      `${ODNI}. Annual Threat Assessment of the U.S. Intelligence Community. ${ODNI}, February 5, 2024. ${ATA_PDF}.`,
    );
    expect(ref.html?.entry).toContain('<i>Annual Threat Assessment of the U.S. Intelligence Community</i>');
    // Short note: author, short title (key words, at most four, italic as in full), period.
    expect(ref.note).toBe(`${ODNI}, Annual Threat Assessment.`);
    expect(ref.html?.note).toBe(`${ODNI}, <i>Annual Threat Assessment</i>.`);
  });

  it('cites the web page by an organization', async () => {
    const ref = await formatReference(page, undefined, 'chicago');
    // Bibliography: the owning organization as author; page title in headline style within
    // quotation marks (period inside the closing mark, American style); no date on the page, so
    // "Accessed" and the day it was read; the URL.
    expect(ref.entry).toBe(`1787. “Transnational Crime.” Accessed November 26, 2026. ${PAGE_URL}.`);
    // Short note: author, "Short Title."
    expect(ref.note).toBe('1787, “Transnational Crime.”');
  });

  it('cites the assessment as quoted in the page', async () => {
    const ref = await formatReference(ata, page, 'chicago');
    // CMOS 17 14.260 ("quoted in"): the original in full, then "Quoted in" and the secondary source
    // in note form (commas, lower-case "accessed").
    expect(ref.entry).toBe(
      `${ODNI}. Annual Threat Assessment of the U.S. Intelligence Community. ${ODNI}, February 5, 2024. ${ATA_PDF}. ` +
        `Quoted in 1787, “Transnational Crime,” accessed November 26, 2026, ${PAGE_URL}.`,
    );
    // The short note names both, joined by "quoted in"; the comma goes inside the closing mark.
    expect(ref.note).toBe(`${ODNI}, Annual Threat Assessment, quoted in 1787, “Transnational Crime.”`);
    expect(ref.line).toBe(ref.entry);
  });
});

describe('APA (7th edition)', () => {
  it('cites the report by a government author', async () => {
    const ref = await formatReference(ata, undefined, 'apa');
    // Group author as written; the date in parentheses, to the day for a report dated to the day
    // (APA 7 §9.14: year, month day); title in sentence case and italics, the proper noun "U.S.
    // Intelligence Community" kept; publisher omitted because it is the author; URL last, with no
    // period after it.
    expect(ref.entry).toBe(
      `${ODNI}. (2024, February 5). Annual threat assessment of the U.S. Intelligence Community. ${ATA_PDF}`,
    );
    expect(ref.html?.entry).toContain('<i>Annual threat assessment of the U.S. Intelligence Community</i>');
    // In text: (Group Author, Year).
    expect(ref.inText).toBe(`(${ODNI}, 2024)`);
  });

  it('cites the web page by an organization', async () => {
    const ref = await formatReference(page, undefined, 'apa');
    // Organization as author; "(n.d.)" for no date; page title in sentence case and italics; the
    // site name omitted because it is the author; an undated page that may change gets
    // "Retrieved Month Day, Year, from URL", with no period after the URL.
    expect(ref.entry).toBe(
      `1787. (n.d.). Transnational crime. Retrieved November 26, 2026, from ${PAGE_URL}`,
    );
    expect(ref.html?.entry).toContain('<i>Transnational crime</i>');
    expect(ref.inText).toBe('(1787, n.d.)');
  });

  it('cites the assessment as cited in the page', async () => {
    const ref = await formatReference(ata, page, 'apa');
    // APA 7 §8.6 (secondary sources): the reference list gives the secondary source, the one read;
    // the text names the primary source with its year, then "as cited in" the secondary source.
    expect(ref.entry).toBe(
      `1787. (n.d.). Transnational crime. Retrieved November 26, 2026, from ${PAGE_URL}`,
    );
    expect(ref.inText).toBe(`(${ODNI}, 2024, as cited in 1787, n.d.)`);
    expect(ref.line).toBe(`${ref.entry} — in text: ${ref.inText}`);
  });
});

describe('MLA (9th edition)', () => {
  it('cites the report by a government author', async () => {
    const ref = await formatReference(ata, undefined, 'mla');
    // The agency is both author and publisher, so the entry begins with the title and names the
    // agency once, as publisher (MLA 9, government and organization authors); title in headline
    // style and italics; date as day, abbreviated month, year; URL without "https://"; each core
    // element closed by its own punctuation, the entry by a period.
    expect(ref.entry).toBe(
      `Annual Threat Assessment of the U.S. Intelligence Community. ${ODNI}, 5 Feb. 2024, ` +
        'www.dni.gov/files/ODNI/documents/assessments/ATA-2024-Unclassified-Report.pdf.',
    );
    expect(ref.html?.entry).toContain('<i>Annual Threat Assessment of the U.S. Intelligence Community</i>');
    // In text: the entry begins with the title, so the shortened title, italic; no page numbers.
    expect(ref.inText).toBe('(Annual Threat Assessment)');
    expect(ref.html?.inText).toBe('(<i>Annual Threat Assessment</i>)');
  });

  it('cites the web page by an organization', async () => {
    const ref = await formatReference(page, undefined, 'mla');
    // Author is also publisher: begin with the page title, in quotation marks; the organization
    // as publisher; no date on the page, so none given; URL without "https://"; then the access
    // date, which MLA recommends for an undated web page.
    expect(ref.entry).toBe(
      '“Transnational Crime.” 1787, 1787securityplatform.com/transnationalcrime. Accessed 26 Nov. 2026.',
    );
    expect(ref.inText).toBe('(“Transnational Crime”)');
  });

  it('cites the assessment as quoted in the page', async () => {
    const ref = await formatReference(ata, page, 'mla');
    // MLA 9 §6.77 (indirect sources): Works Cited lists the source read (the page); the sentence
    // names the original's author, and the parenthesis says "qtd. in".
    expect(ref.entry).toBe(
      '“Transnational Crime.” 1787, 1787securityplatform.com/transnationalcrime. Accessed 26 Nov. 2026.',
    );
    expect(ref.inText).toBe('(qtd. in “Transnational Crime”)');
    expect(ref.nameInText).toBe(ODNI);
  });
});

describe('plain and markdown (our own one-line formats)', () => {
  it('gives publisher, title, date, URL, and the day a page was read', async () => {
    // Parts joined by commas, the title in quotation marks; American style puts the comma after a
    // title inside the closing mark (CMOS 17 6.9); the line ends with a period.
    expect((await formatReference(ata, undefined, 'plain')).entry).toBe(
      `${ODNI}, “Annual Threat Assessment of the U.S. Intelligence Community,” February 5, 2024, ${ATA_PDF}.`,
    );
    expect((await formatReference(page, undefined, 'plain')).entry).toBe(
      `1787, “Transnational Crime,” ${PAGE_URL}, accessed November 26, 2026.`,
    );
    // The relaying page after a semicolon, which stays outside the closing mark (CMOS 17 6.10).
    expect((await formatReference(ata, page, 'plain')).entry).toBe(
      `${ODNI}, “Annual Threat Assessment of the U.S. Intelligence Community,” February 5, 2024, ${ATA_PDF}; ` +
        `quoted in 1787, “Transnational Crime,” ${PAGE_URL}, accessed November 26, 2026.`,
    );
  });

  it('links each title instead of printing its URL', async () => {
    // The same line, the title linked inside the quotation marks and the comma inside them too.
    expect((await formatReference(ata, undefined, 'markdown')).entry).toBe(
      `${ODNI}, “[Annual Threat Assessment of the U.S. Intelligence Community](${ATA_PDF}),” February 5, 2024.`,
    );
    expect((await formatReference(page, undefined, 'markdown')).entry).toBe(
      `1787, “[Transnational Crime](${PAGE_URL}),” accessed November 26, 2026.`,
    );
    expect((await formatReference(ata, page, 'markdown')).entry).toBe(
      `${ODNI}, “[Annual Threat Assessment of the U.S. Intelligence Community](${ATA_PDF}),” February 5, 2024; ` +
        `quoted in 1787, “[Transnational Crime](${PAGE_URL}),” accessed November 26, 2026.`,
    );
  });
});

describe('BibTeX and CSL-JSON (for reference managers)', () => {
  it('writes the report as a @techreport and the page as a @misc with its access date', async () => {
    // Keys from our source ids; a corporate author in double braces so BibTeX never splits it
    // into first and last names; the title as published, in headline case, with its proper noun
    // braced as one group, so a style that sets titles in sentence case lower-cases the rest.
    expect((await formatReference(ata, undefined, 'bibtex')).entry).toBe(
      [
        '@techreport{odniata2024,',
        `\tauthor = {{${ODNI}}},`,
        '\tyear = {2024},',
        // The month as BibTeX's macro, the day in biblatex's own field.
        '\tmonth = feb,',
        '\tday = {5},',
        `\tinstitution = {${ODNI}},`,
        '\ttitle = {Annual Threat Assessment of the {U.S. Intelligence Community}},',
        `\turl = {${ATA_PDF}},`,
        '}',
      ].join('\n'),
    );
    expect((await formatReference(page, undefined, 'bibtex')).entry).toBe(
      [
        '@misc{1787transnationalcrime,',
        '\tnote = {[Online; accessed 2026-11-26]},',
        '\tauthor = {{1787}},',
        '\tpublisher = {1787},',
        '\ttitle = {Transnational Crime},',
        `\turl = {${PAGE_URL}},`,
        '\turldate = {2026-11-26},',
        '}',
      ].join('\n'),
    );
  });

  it('gives a second-hand source a "Quoted in" note and the page that quotes it', async () => {
    const entry = (await formatReference(ata, page, 'bibtex')).entry;
    // The note's comma inside the closing quotation mark, as in every American-style line.
    expect(entry).toContain(`\tnote = {Quoted in 1787, \`\`Transnational Crime,'' ${PAGE_URL}},`);
    expect(entry).toContain('@misc{1787transnationalcrime,');
  });

  it('writes CSL-JSON items with the document date, never the release date', async () => {
    const items = JSON.parse((await formatReference(ata, page, 'csl-json')).entry);
    expect(items).toEqual([
      {
        id: 'odni-ata-2024',
        type: 'report',
        title: 'Annual threat assessment of the U.S. Intelligence Community',
        'title-short': 'Annual threat assessment',
        author: [{ literal: ODNI }],
        publisher: ODNI,
        issued: { 'date-parts': [[2024, 2, 5]] },
        URL: ATA_PDF,
        note: `Quoted in 1787, “Transnational Crime,” ${PAGE_URL}`,
      },
      {
        id: '1787-transnational-crime',
        type: 'webpage',
        title: 'Transnational crime',
        author: [{ literal: '1787' }],
        publisher: '1787',
        accessed: { 'date-parts': [[2026, 11, 26]] },
        URL: PAGE_URL,
      },
    ]);
  });
});

describe('dates', () => {
  it('uses the document date (February 5, 2024), never the Senate hearing (March 11, 2024)', async () => {
    expect(ata.released).toBe('2024-03-11');
    for (const style of ['chicago', 'apa', 'mla', 'plain', 'markdown', 'bibtex', 'csl-json'] as const) {
      const ref = await formatReference(ata, page, style);
      expect(ref.line, style).not.toMatch(/March 11|11 Mar|\bmar\b|2024-03|2024,\s*3,\s*11/i);
    }
  });
});
