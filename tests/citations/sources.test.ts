/**
 * A source cited as itself, and, when we hold its words second-hand, as quoted in the page that
 * relays them: `sourceReferences`, which `policybot cite ata` prints. And the names a source is
 * cited by.
 *
 * The assessment's own reference is each style's rule for a government report consulted directly
 * (tests/citations/styles.test.ts spells those rules out part by part); its quoted-in reference is
 * each style's rule for a secondary source. Both are hand-checked here as `sourceReferences` returns
 * them, with the words that tell a staffer which is which.
 */
import { describe, expect, it } from 'vitest';
import { namedSources, sourceReferences } from '../../src/core/citations/sources.js';
import { ATA_PDF, knowledgeBase, PAGE_URL } from './helpers.js';

const kb = knowledgeBase();
const ODNI = 'Office of the Director of National Intelligence';
const TITLE = 'Annual Threat Assessment of the U.S. Intelligence Community';
const OWN_USE = `The report itself — for what you read in it yourself (${ATA_PDF})`;
const QUOTED_USE =
  'As quoted in 1787, “Transnational Crime” — for the words policybot quotes, which it holds only as that page gives them';

describe('sourceReferences: the assessment as itself and as quoted in 1787', () => {
  it('Chicago: the report, then the report "Quoted in" the page', async () => {
    const refs = await sourceReferences(kb, 'odni-ata-2024', 'chicago');
    // CMOS 17 14.241 (the report read directly): agency, title in italics, publisher, full date, URL.
    expect(refs.own.entry).toBe(`${ODNI}. ${TITLE}. ${ODNI}, February 5, 2024. ${ATA_PDF}.`);
    expect(refs.own.via).toBeUndefined();
    // CMOS 17 14.260: the original in full, then "Quoted in" and the page in note form.
    expect(refs.quotedIn?.entry).toBe(
      `${ODNI}. ${TITLE}. ${ODNI}, February 5, 2024. ${ATA_PDF}. Quoted in 1787, “Transnational Crime,” accessed November 26, 2026, ${PAGE_URL}.`,
    );
    expect(refs.quotedIn?.via).toBe('1787-transnational-crime');
    expect(refs.use).toEqual({ own: OWN_USE, quotedIn: QUOTED_USE });
  });

  it('APA: the report with its date; secondhand, the page listed and the report named in text', async () => {
    const refs = await sourceReferences(kb, 'odni-ata-2024', 'apa');
    // APA 7 §9.14: a work dated to the day gives year, month and day, "(2024, February 5)"; the
    // text names the year alone. Title in sentence case and italics.
    expect(refs.own.entry).toBe(
      `${ODNI}. (2024, February 5). Annual threat assessment of the U.S. Intelligence Community. ${ATA_PDF}`,
    );
    expect(refs.own.inText).toBe(`(${ODNI}, 2024)`);
    // APA 7 §8.6: the reference list gives the page read; the text "as cited in" it.
    expect(refs.quotedIn?.entry).toBe(
      `1787. (n.d.). Transnational crime. Retrieved November 26, 2026, from ${PAGE_URL}`,
    );
    expect(refs.quotedIn?.inText).toBe(`(${ODNI}, 2024, as cited in 1787, n.d.)`);
  });

  it('MLA: the report dated 5 Feb. 2024; secondhand, the page and "qtd. in"', async () => {
    const refs = await sourceReferences(kb, 'odni-ata-2024', 'mla');
    // MLA 9: title first (the agency is author and publisher), day month year, URL without https://.
    expect(refs.own.entry).toBe(
      `${TITLE}. ${ODNI}, 5 Feb. 2024, www.dni.gov/files/ODNI/documents/assessments/ATA-2024-Unclassified-Report.pdf.`,
    );
    // MLA 9 §6.77: Works Cited lists the page; the sentence names ODNI, the parenthesis "qtd. in".
    expect(refs.quotedIn?.entry).toBe(
      '“Transnational Crime.” 1787, 1787securityplatform.com/transnationalcrime. Accessed 26 Nov. 2026.',
    );
    expect(refs.quotedIn?.inText).toBe('(qtd. in “Transnational Crime”)');
    expect(refs.quotedIn?.nameInText).toBe(ODNI);
  });

  it('BibTeX and CSL-JSON: a report record alone, and with its quoted-in note and the page', async () => {
    const bibtex = await sourceReferences(kb, 'odni-ata-2024', 'bibtex');
    // A @techreport with no note: the report as read; the quoted-in form adds the note and the page.
    expect(bibtex.own.entry).toMatch(/^@techreport\{odniata2024,/);
    expect(bibtex.own.entry).not.toContain('note =');
    expect(bibtex.quotedIn?.entry).toContain("\tnote = {Quoted in 1787, ``Transnational Crime,'' ");
    expect(bibtex.quotedIn?.entry).toContain('@misc{1787transnationalcrime,');
    const csl = await sourceReferences(kb, 'odni-ata-2024', 'csl-json');
    // CSL's type for a report is "report".
    expect(JSON.parse(csl.own.entry)).toEqual([
      expect.objectContaining({
        id: 'odni-ata-2024',
        type: 'report',
        issued: { 'date-parts': [[2024, 2, 5]] },
      }),
    ]);
    expect(JSON.parse(csl.own.entry)[0]).not.toHaveProperty('note');
  });

  it('plain: the report’s own line, then the quoted-in line', async () => {
    const refs = await sourceReferences(kb, 'odni-ata-2024', 'plain');
    expect(refs.own.entry).toBe(`${ODNI}, “${TITLE},” February 5, 2024, ${ATA_PDF}.`);
    expect(refs.quotedIn?.entry).toBe(
      `${ODNI}, “${TITLE},” February 5, 2024, ${ATA_PDF}; quoted in 1787, “Transnational Crime,” ${PAGE_URL}, accessed November 26, 2026.`,
    );
  });

  it('gives a source we hold first-hand only its own reference', async () => {
    const refs = await sourceReferences(kb, '1787-transnational-crime', 'chicago');
    expect(refs.own.entry).toBe(`1787. “Transnational Crime.” Accessed November 26, 2026. ${PAGE_URL}.`);
    expect(refs.quotedIn).toBeUndefined();
    expect(refs.use).toEqual({ own: 'The page itself' });
  });

  it('refuses an id the knowledge base does not have', async () => {
    await expect(sourceReferences(kb, 'no-such-source', 'plain')).rejects.toThrow(
      /no source "no-such-source"/,
    );
  });
});

describe('the names a source is cited by', () => {
  const ids = (name: string) => namedSources(kb, name).map((s) => s.id);

  it('finds every source by its id, its short name, its aliases and its number', () => {
    for (const source of kb.sources.values()) {
      expect(ids(source.id), source.id).toEqual([source.id]);
      for (const name of [source.shortName, source.number, ...(source.aliases ?? [])]) {
        if (name !== undefined) expect(ids(name), name).toContain(source.id);
      }
    }
  });

  it('finds every source by its publisher, which may name several', () => {
    for (const source of kb.sources.values()) {
      // "1787" is claimed by the Transnational Crime page (below); 1787's home page has aliases.
      if (source.id !== '1787-security-platform')
        expect(ids(source.publisher), source.publisher).toContain(source.id);
    }
    expect(ids('1787 home page')).toEqual(['1787-security-platform']);
    expect(ids('U.S. Department of State')).toEqual(['state-inl', 'state-ilea']);
    // "1787" is what people call the Transnational Crime page: that page alone.
    expect(ids('1787')).toEqual(['1787-transnational-crime']);
  });

  it('reads names the way people type them', () => {
    expect(ids('gao')).toEqual(['gao-20-388']);
    expect(ids('state oig')).toEqual(['state-oig-isp-i-23-08']);
    expect(ids('The State OIG')).toEqual(['state-oig-isp-i-23-08']);
    expect(ids('US Department of Justice')).toEqual(['doj-oia']);
    expect(ids('gao 20 388')).toEqual(['gao-20-388']);
    expect(ids('the ATA')).toEqual(['odni-ata-2024']);
  });

  it('leaves topics to the matcher: INL, ILEA and fentanyl name no source', () => {
    expect(ids('INL')).toEqual([]);
    expect(ids('ILEA')).toEqual([]);
    expect(ids('fentanyl')).toEqual([]);
    expect(ids('')).toEqual([]);
  });
});
