/**
 * The background sources, each against a hand-checked string, in the cases the primary sources do
 * not cover: a report with a number and a full date (GAO-20-388), an undated report (the State
 * OIG's inspection), a report whose title we do not know (CRS IF10578, of which only the number is
 * recorded), a web page whose title we do not know (1787's home page), and a title that ends in a
 * question mark (1787foramerica.org's "What Is 1787?").
 *
 * Above each expected string: the rule each part follows. Our description of an untitled work is
 * printed where the title would go, as each style prints a description, never as a title.
 */
import { describe, expect, it } from 'vitest';
import { formatReference } from '../../src/core/citations/reference.js';
import { source } from './helpers.js';

const gao = source('gao-20-388');
const oig = source('state-oig-isp-i-23-08');
const crs = source('crs-if10578');
const home = source('1787-security-platform');
const whatIs = source('1787foramerica-whatis1787');

const GAO = 'U.S. Government Accountability Office';
const GAO_URL = 'https://www.gao.gov/products/gao-20-388';
const GAO_TITLE =
  'U.S. Assistance to Mexico: State Department Could Improve Its Monitoring of Mérida Initiative Projects';
const OIG = 'U.S. Department of State, Office of Inspector General';
const OIG_URL = 'https://www.stateoig.gov/report/isp-i-23-08';
const CRS = 'Congressional Research Service';
const CRS_DESCRIPTION = 'Brief on U.S.-Mexico security cooperation and the Mérida Initiative';

describe('Chicago (CMOS 17, notes and bibliography)', () => {
  it('cites a numbered, dated report', async () => {
    const ref = await formatReference(gao, undefined, 'chicago');
    // CMOS 17 14.241 (reports): the agency as author; the title in headline style and italics
    // (subtitle after a colon; "to" and "of" lower case, "Its" and "Could" capitalized); the
    // report's number as its publisher writes it; publisher and full date; the URL; periods between.
    expect(ref.entry).toBe(`${GAO}. ${GAO_TITLE}. GAO-20-388. ${GAO}, May 12, 2020. ${GAO_URL}.`);
    expect(ref.html?.entry).toContain(`<i>${GAO_TITLE}</i>`);
    // Short note: author, short title (the main title, before the colon, four words at most).
    expect(ref.note).toBe(`${GAO}, U.S. Assistance to Mexico.`);
  });

  it('dates an undated report "n.d."', async () => {
    const ref = await formatReference(oig, undefined, 'chicago');
    // As above; CMOS 17 14.171: no date of publication known, "n.d." in its place.
    expect(ref.entry).toBe(
      `${OIG}. Inspection of the Bureau of International Narcotics and Law Enforcement Affairs. ISP-I-23-08. ${OIG}, n.d. ${OIG_URL}.`,
    );
    // Short title: four words, the last not a preposition or article.
    expect(ref.note).toBe(`${OIG}, Inspection of the Bureau.`);
  });

  it('gives a report of unknown title our description, in roman, and its number', async () => {
    const ref = await formatReference(crs, undefined, 'chicago');
    // CMOS 17 14.206: a descriptive phrase in place of a missing title, neither italic nor quoted
    // (so it cannot pass for the title); the number; publisher; "n.d."; no URL is recorded.
    expect(ref.entry).toBe(`${CRS}. ${CRS_DESCRIPTION}. IF10578. ${CRS}, n.d.`);
    expect(ref.html?.entry).not.toContain('<i>');
    // Short note: the number identifies the report better than a cut description.
    expect(ref.note).toBe(`${CRS}, IF10578.`);
  });

  it('gives a web page of unknown title a description: "Home page"', async () => {
    const ref = await formatReference(home, undefined, 'chicago');
    // CMOS 17 14.206's own example of a description ("Home page"), in roman; undated, so the day
    // it was read; the URL.
    expect(ref.entry).toBe('1787. Home page. Accessed November 26, 2026. https://1787securityplatform.com.');
    expect(ref.note).toBe('1787, Home page.');
  });

  it('keeps a title’s own question mark and adds no period inside it', async () => {
    const ref = await formatReference(whatIs, undefined, 'chicago');
    // CMOS 17 6.119: a title ending in a question mark takes no further period.
    expect(ref.entry).toBe(
      '1787foramerica.org. “What Is 1787?” Accessed November 26, 2026. https://www.1787foramerica.org/whatis1787.',
    );
  });
});

describe('APA (7th edition)', () => {
  it('cites a numbered report with its number in parentheses after the title', async () => {
    const ref = await formatReference(gao, undefined, 'apa');
    // Group author; the date to the day (May 12, 2020, as GAO's page gives it); title in sentence
    // case and italics, proper nouns ("U.S.", "Mexico", "State Department", "Mérida Initiative") and
    // the first word after the colon capitalized; the report number in parentheses after the title;
    // the publisher omitted, being the author; the URL with no period after it.
    expect(ref.entry).toBe(
      `${GAO}. (2020, May 12). U.S. assistance to Mexico: State Department could improve its monitoring of Mérida Initiative projects (GAO-20-388). ${GAO_URL}`,
    );
    expect(ref.inText).toBe(`(${GAO}, 2020)`);
  });

  it('cites an undated report "(n.d.)", with no retrieval date for a work not meant to change', async () => {
    // APA 7: a retrieval date only for pages designed to change; a report has none, undated or not.
    expect((await formatReference(oig, undefined, 'apa')).entry).toBe(
      `${OIG}. (n.d.). Inspection of the Bureau of International Narcotics and Law Enforcement Affairs (ISP-I-23-08). ${OIG_URL}`,
    );
  });

  it('puts the description of an untitled work in square brackets', async () => {
    // APA 7 (works without a title): a description in square brackets, not italic; then the number.
    const ref = await formatReference(crs, undefined, 'apa');
    expect(ref.entry).toBe(`${CRS}. (n.d.). [${CRS_DESCRIPTION}] (IF10578).`);
    expect(ref.html?.entry).not.toContain('<i>');
    // An undated page that may change: "Retrieved Month Day, Year, from URL".
    expect((await formatReference(home, undefined, 'apa')).entry).toBe(
      '1787. (n.d.). [Home page]. Retrieved November 26, 2026, from https://1787securityplatform.com',
    );
  });
});

describe('MLA (9th edition)', () => {
  it('cites a numbered report: title, number, publisher, date, location', async () => {
    const ref = await formatReference(gao, undefined, 'mla');
    // The agency is also the publisher: the entry begins with the title, in headline style and
    // italics; then the core elements Number, Publisher, Publication date (day, abbreviated month
    // (May is not abbreviated), year), Location (the URL without "https://"), set off by commas.
    expect(ref.entry).toBe(`${GAO_TITLE}. GAO-20-388, ${GAO}, 12 May 2020, www.gao.gov/products/gao-20-388.`);
    // In text: the shortened title, italic, since the entry begins with it.
    expect(ref.inText).toBe('(U.S. Assistance to Mexico)');
    expect(ref.html?.inText).toBe('(<i>U.S. Assistance to Mexico</i>)');
  });

  it('gives an untitled work its description, neither italic nor quoted', async () => {
    // MLA 9 (untitled sources): a generic description in place of the title, in roman; the entry
    // begins with it, and so does the parenthetical citation.
    const ref = await formatReference(crs, undefined, 'mla');
    expect(ref.entry).toBe(`${CRS_DESCRIPTION}. IF10578, ${CRS}.`);
    expect(ref.inText).toBe(`(${CRS_DESCRIPTION})`);
    const page = await formatReference(home, undefined, 'mla');
    // Undated web page: the access date at the end.
    expect(page.entry).toBe('Home page. 1787, 1787securityplatform.com. Accessed 26 Nov. 2026.');
    expect(page.inText).toBe('(Home page)');
  });
});

describe('plain and markdown', () => {
  it('quote titles, print a description and a number bare, and keep commas inside the marks', async () => {
    // Publisher, “title,” number, date, URL: the comma inside the closing mark.
    expect((await formatReference(gao, undefined, 'plain')).entry).toBe(
      `${GAO}, “${GAO_TITLE},” GAO-20-388, May 12, 2020, ${GAO_URL}.`,
    );
    // No title known: our description unquoted, then the number; nothing else is recorded.
    expect((await formatReference(crs, undefined, 'plain')).entry).toBe(
      `${CRS}, ${CRS_DESCRIPTION}, IF10578.`,
    );
    // A title ending in "?" takes no comma after it (CMOS 17 6.119).
    expect((await formatReference(whatIs, undefined, 'plain')).entry).toBe(
      '1787foramerica.org, “What Is 1787?” https://www.1787foramerica.org/whatis1787, accessed November 26, 2026.',
    );
    // Markdown links the title, or the description when there is no title.
    expect((await formatReference(whatIs, undefined, 'markdown')).entry).toBe(
      '1787foramerica.org, “[What Is 1787?](https://www.1787foramerica.org/whatis1787)” accessed November 26, 2026.',
    );
    expect((await formatReference(home, undefined, 'markdown')).entry).toBe(
      '1787, [Home page](https://1787securityplatform.com), accessed November 26, 2026.',
    );
  });
});

describe('BibTeX and CSL-JSON', () => {
  it('writes a numbered report as a @techreport with its number and title as published', async () => {
    // The title in headline case, its proper nouns braced (the acronym "U.S." first of all) and
    // "é" as TeX's accent command; the number in BibTeX's own field; the month as a macro.
    expect((await formatReference(gao, undefined, 'bibtex')).entry).toBe(
      [
        '@techreport{gao20388,',
        `\tauthor = {{${GAO}}},`,
        '\tyear = {2020},',
        '\tmonth = may,',
        '\tday = {12},',
        '\tnumber = {GAO-20-388},',
        `\tinstitution = {${GAO}},`,
        "\ttitle = {{U.S.} Assistance to {Mexico}: {State Department} Could Improve Its Monitoring of {M{\\'e}rida Initiative} Projects},",
        `\turl = {${GAO_URL}},`,
        '}',
      ].join('\n'),
    );
  });

  it('writes an untitled report with no title field: the description is its type, beside the number', async () => {
    // @techreport's "type" replaces the words "Technical Report" before the number: a description,
    // not a title.
    expect((await formatReference(crs, undefined, 'bibtex')).entry).toBe(
      [
        '@techreport{crsif10578,',
        `\tauthor = {{${CRS}}},`,
        '\tnumber = {IF10578},',
        `\tinstitution = {${CRS}},`,
        "\ttype = {Brief on {U}.{S}.-{Mexico} security cooperation and the {M}{\\' e}rida {Initiative}},",
        '}',
      ].join('\n'),
    );
    expect(JSON.parse((await formatReference(crs, undefined, 'csl-json')).entry)).toEqual([
      {
        id: 'crs-if10578',
        type: 'report',
        genre: CRS_DESCRIPTION,
        number: 'IF10578',
        author: [{ literal: CRS }],
        publisher: CRS,
      },
    ]);
  });
});
