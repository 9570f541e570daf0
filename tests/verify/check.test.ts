import { describe, expect, it } from 'vitest';
import { QuoteChecker } from '../../src/core/verify/check.js';
import type { KnowledgeBase } from '../../src/knowledge/types.js';
import { assistant, knowledgeBase } from '../support/assistant.js';

const bot = assistant();

describe('verify: what a quotation is', () => {
  it('reads straight, curly and single quotation marks alike, and leaves short ones and apostrophes alone', async () => {
    const text = [
      'The ATA warns that “TCOs are defrauding individuals, businesses, and government programs.”',
      "1787's list says to 'Support the International Law Enforcement Academy (ILEA).'",
      'Our "rule of law" line and the TCOs\' networks stay as they are.',
    ].join(' ');
    const result = await bot.verify(text, 'plain');
    expect(result.findings.map((f) => [f.form, f.verdict, f.sourceId])).toEqual([
      ['quoted', 'exact', 'odni-ata-2024'],
      ['quoted', 'exact', '1787-transnational-crime'],
    ]);
    expect(result.skipped.map((s) => s.text)).toEqual(['rule of law']);
    expect(result.ok).toBe(true);
  });

  it('is insensitive to typography (quotes, apostrophes, dashes, spaces, the first letter) and strict on words', async () => {
    const typed =
      'The ATA says "western Hemisphere–based TCOs involved in illicit drug production and trafficking bound for the United States and partner nations,\u00a0endanger the health and safety of millions of individuals."';
    const exact = await bot.verify(typed, 'plain');
    expect(exact.findings[0]?.verdict).toBe('exact');
    const changed = await bot.verify(
      typed.replace('millions of individuals', 'millions of Americans'),
      'plain',
    );
    expect(changed.findings[0]?.verdict).toBe('altered');
  });

  it('finds a block quote after a colon, and a sentence that credits words without quotation marks', async () => {
    const text =
      "The DNI's assessment is blunt:\n\n    Transnational organized criminals involved in ransomware operations are improving their attacks, extorting funds, disrupting critical services, and exposing sensitive data.\n\nAccording to the ATA, TCOs and criminal actors view human trafficking, including sex trafficking and forced labor, as low risk crimes of opportunity.";
    const result = await bot.verify(text, 'plain');
    expect(result.findings.map((f) => [f.form, f.verdict, f.attribution.correct])).toEqual([
      ['block', 'exact', true],
      ['attributed', 'exact', true],
    ]);
  });
});

describe('verify: block quotes signed under them', () => {
  it('reads "— 1787" under a Markdown block quote as its credit', async () => {
    const result = await bot.verify(
      '> Disrupt and dismantle human trafficking networks before migrants reach the United States.\n\n— the ATA',
      'plain',
    );
    expect(result.findings.map((f) => [f.form, f.verdict, f.attribution.claimed?.sourceId])).toEqual([
      ['block', 'misattributed', 'odni-ata-2024'],
    ]);
  });
});

describe('verify: verdicts', () => {
  it('an altered quotation gets the word diff, the corrected quotation and its reference in the style asked', async () => {
    const result = await bot.verify(
      'ODNI warns that Western Hemisphere TCOs "endanger the safety of millions of individuals."',
      'chicago',
    );
    const [finding] = result.findings;
    expect(finding?.verdict).toBe('altered');
    expect(finding?.corrected).toBe('endanger the health and safety of millions of individuals');
    expect(finding?.diff).toContainEqual({ op: 'removed', text: 'health and' });
    expect(finding?.reference?.style).toBe('chicago');
    expect(finding?.reference?.entry).toContain('Annual Threat Assessment');
    expect(finding?.reference?.entry).toContain('Quoted in');
    expect(result.ok).toBe(false);
  });

  it("credits the assessment's warnings to ODNI and the ten solutions to 1787, both ways", async () => {
    const result = await bot.verify(
      'The intelligence community recommends that we "Support the International Law Enforcement Academy (ILEA)." 1787 writes that "TCOs incite instability and violence, drive migration."',
      'plain',
    );
    expect(result.findings.map((f) => [f.verdict, f.sourceId, f.attribution.claimed?.sourceId])).toEqual([
      ['misattributed', '1787-transnational-crime', 'odni-ata-2024'],
      ['misattributed', 'odni-ata-2024', '1787-transnational-crime'],
    ]);
    expect(result.findings[1]?.via).toBe('1787-transnational-crime');
  });

  it('an author named as a relay does not count: the ATA, as quoted by 1787', async () => {
    const result = await bot.verify(
      'The ATA, as quoted by 1787, warns that "TCOs incite instability and violence, drive migration."',
      'plain',
    );
    expect(result.findings[0]?.verdict).toBe('exact');
  });

  it('says a quotation no source holds is not found, without guessing a source', async () => {
    const result = await bot.verify(
      'The DNI said that "cartels now run most of the fentanyl supply chain into American cities."',
      'plain',
    );
    expect(result.findings[0]).toMatchObject({
      verdict: 'not-found',
      sourceId: null,
      reference: null,
      corrected: null,
    });
  });

  it('reads ellipses and brackets by the usual conventions, and flags an ellipsis that changes the subject', async () => {
    const fair = await bot.verify(
      'The ATA warns that "Western Hemisphere-based TCOs . . . endanger the health and safety of millions of individuals" and that "[t]ransnational criminal organizations (TCOs) threaten U.S. and allied public health systems."',
      'plain',
    );
    expect(fair.findings.map((f) => f.verdict)).toEqual(['exact', 'exact']);
    const unfair = await bot.verify(
      'The ATA warns that "Western Hemisphere-based TCOs … contribute to global demand for drugs."',
      'plain',
    );
    expect(unfair.findings[0]?.verdict).toBe('altered');
    expect(unfair.findings[0]?.notes.map((n) => n.code)).toContain('ellipsis-changes-subject');
  });

  it('flags an ellipsis that drops a negation', async () => {
    // The same knowledge base, with a page that holds a negation.
    const kb = knowledgeBase();
    const page = kb.sources.get('1787-transnational-crime');
    if (page === undefined) throw new Error('no page');
    const changed: KnowledgeBase = {
      ...kb,
      sources: new Map([
        ...kb.sources,
        [
          '1787-transnational-crime',
          { ...page, storedText: 'Sanctions alone will not stop the networks that move fentanyl north.' },
        ],
      ]),
    };
    const checker = new QuoteChecker(changed, async () => null);
    const result = await checker.check(
      '1787 says "Sanctions alone will … stop the networks that move fentanyl north."',
      'plain',
    );
    expect(result.findings[0]?.verdict).toBe('altered');
    expect(result.findings[0]?.notes.map((n) => n.code)).toContain('ellipsis-drops-negation');
  });

  it('survives empty, binary, bidi and huge input', async () => {
    for (const text of ['', '\u0000\u0001\u202e"abc"', '"'.repeat(5000), `“${'word '.repeat(20000)}”`]) {
      const result = await bot.verify(text, 'plain');
      expect(Array.isArray(result.findings)).toBe(true);
    }
  });
});

describe('verify: whom a sentence credits, and how an ellipsis is read', () => {
  it('reads "U.S." in a speaker as the country, not the writers\' "us"; "we" is still the writer', async () => {
    const words = '“Disrupt and dismantle human trafficking networks before migrants reach the United States.”';
    const credit = async (text: string) => {
      const [f] = (await bot.verify(text, 'plain')).findings;
      return [f?.verdict, f?.attribution.claimed?.name ?? null];
    };
    expect(await credit(`A U.S. official said the aim is to ${words}`)).toEqual(['misattributed', 'A U.S. official']);
    expect(await credit(`The head of US Customs said: ${words}`)).toEqual(['misattributed', 'The head of US Customs']);
    expect(await credit(`We urge the committee to ${words}`)).toEqual(['exact', null]);
  });

  const claimOf = async (text: string) => {
    const result = await bot.verify(text, 'plain');
    return result.findings.map((f) => [
      f.verdict,
      f.attribution.claimed?.sourceId ?? f.attribution.claimed?.phrase ?? null,
    ]);
  };

  it('reads pronouns from the sentence before, reported speech both ways, relays and other speakers', async () => {
    expect(
      await claimOf('The ATA is blunt. It says TCOs "exploit the international financial system."'),
    ).toEqual([['exact', 'odni-ata-2024']]);
    expect(
      await claimOf(
        '"Support the International Law Enforcement Academy (ILEA)," the DNI told the committee.',
      ),
    ).toEqual([['misattributed', 'odni-ata-2024']]);
    expect(
      await claimOf('As 1787 notes, quoting the ATA, TCOs "threaten U.S. and allied public health systems."'),
    ).toEqual([['exact', 'odni-ata-2024']]);
    expect(
      await claimOf(
        'One expert at the hearing told us that TCOs "incite instability and violence, drive migration."',
      ),
    ).toEqual([['misattributed', 'One expert at the hearing']]);
    expect(
      await claimOf(
        'We urge the State Department to "Fortify the Bureau of International Narcotics and Law Enforcement Affairs (INL)."',
      ),
    ).toEqual([['exact', null]]);
  });

  it('checks a short quotation a source holds when it is credited, and leaves titles and labels alone', async () => {
    const result = await bot.verify(
      'The "Annual Threat Assessment" came out in February. ODNI warns of a "global health crisis" on the "drugs and security" slide.',
      'plain',
    );
    expect(result.findings.map((f) => [f.quote, f.verdict])).toEqual([['global health crisis', 'exact']]);
    expect(result.skipped.map((s) => [s.text, s.reason])).toEqual([
      ['Annual Threat Assessment', 'title'],
      ['drugs and security', 'too-short'],
    ]);
  });

  it('flags an ellipsis that drops a qualifier or re-attaches words, and passes one that goes on a statement', async () => {
    const codes = async (text: string) =>
      (await bot.verify(text, 'plain')).findings.flatMap((f) => [f.verdict, ...f.notes.map((n) => n.code)]);
    expect(await codes('The ATA says TCOs "provide … U.S. adversaries with additional avenues."')).toContain(
      'ellipsis-drops-qualifier',
    );
    expect(await codes('The ATA says "TCOs are defrauding … U.S. financial institutions."')).toContain(
      'ellipsis-breaks-phrase',
    );
    expect(
      await codes(
        '1787 proposes that we "Fortify the Bureau of International Narcotics and Law Enforcement Affairs (INL) ... and ensure there is proper oversight of its programs in foreign countries."',
      ),
    ).toEqual(['exact']);
  });
});
