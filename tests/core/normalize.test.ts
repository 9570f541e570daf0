import { describe, expect, it } from 'vitest';
import { cleanText, stripChatMarkup } from '../../src/core/text/markup.js';
import { classifier, knowledgeBase } from '../support/assistant.js';

const { normalizer } = classifier();

describe('normalizing a question', () => {
  it('strips Slack and Discord markup: mentions, channels, links, emoji codes', () => {
    const plain = cleanText(
      stripChatMarkup(
        '<@U123ABC> <!here> see <https://example.org|the ATA> in <#C1|policy> <@!8812> <:flag:123> :rotating_light: at 10:30',
      ),
    );
    expect(plain).toBe('see the ATA in at 10:30');
  });

  it('folds Unicode compatibility forms and drops control and zero-width characters', () => {
    expect(cleanText('ｆｅｎｔａｎｙｌ\u200B\u0000 ﬁnance')).toBe('fentanyl finance');
  });

  it.each([
    ['fentenyl', 'fentanyl'],
    ['ransomwere', 'ransomware'],
    ['corruptin', 'corruption'],
    ['trafficcking', 'trafficking'],
    // Five letters get one edit too; fewer get none ("ice" is one edit from "inl").
    ['sorce', 'source'],
  ])('corrects the typo %s to %s against the knowledge base vocabulary', (typo, word) => {
    expect(normalizer.normalize(`what about ${typo}`).corrections).toContain(`${typo} → ${word}`);
  });

  it('reads a typo the training phrases keep on purpose as the far commoner word it stands for', () => {
    // Phrases keep typos so the model learns them as written; a question asking with one gets the
    // word it stands for too, when the typo is rare and the word many times commoner.
    const kept = knowledgeBase().examples.filter((e) => /\bransomeware\b/i.test(e.text)).length;
    const { corrections, terms } = normalizer.normalize('ransomeware');
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThanOrEqual(2);
    expect(corrections).toEqual(['ransomeware → ransomware']);
    expect(terms).toEqual(normalizer.normalize('ransomware').terms);
  });

  it('leaves short words and unknown real words alone', () => {
    expect(normalizer.normalize('weather in mexico city').corrections).toEqual([]);
    expect(normalizer.normalize('what is an ileus').corrections).toEqual([]);
    expect(normalizer.normalize('a form from mexico').corrections).toEqual([]);
  });

  it('reads a four-letter word with two neighbouring letters swapped as the word it keeps every letter of', () => {
    expect(normalizer.normalize('say mroe').corrections).toEqual(['mroe → more']);
    // Any other edit is too much for a word this short: 'mire' is left as typed.
    expect(normalizer.normalize('mire').corrections).toEqual([]);
  });

  it('folds synonyms and acronyms into one term', () => {
    const terms = (q: string) => normalizer.normalize(q).terms;
    for (const q of [
      'cartels',
      'criminal organizations',
      'TCOs',
      'crime syndicates',
      'transnational criminal organizations',
    ]) {
      expect(terms(q), q).toEqual(['tco']);
    }
    expect(terms('DNI')).toEqual(terms('Office of the Director of National Intelligence'));
    expect(terms('the threat assessment')).toEqual(terms('ATA'));
    expect(terms('Bureau of International Narcotics and Law Enforcement Affairs')).toEqual(['inl']);
    expect(terms('International Law Enforcement Academy')).toEqual(['ilea']);
    expect(terms('smuggling')).toEqual(terms('trafficking'));
  });

  it('drops the report when it is named as where a claim comes from, not as the subject', () => {
    expect(normalizer.normalize('how do TCOs threaten the US, per the 2024 ATA?').terms).not.toContain('ata');
    expect(normalizer.normalize('according to the DNI, ransomware').terms).not.toContain('odni');
    expect(normalizer.normalize('where can I read the ATA').terms).toContain('ata');
  });

  it('reads words run together and dotted acronyms as the words they are', () => {
    expect(normalizer.normalize('drugtrafficking').terms).toEqual(
      normalizer.normalize('drug trafficking').terms,
    );
    // Three-letter acronyms and numbers the knowledge base uses count as words too.
    expect(normalizer.normalize('tcothreats').terms).toEqual(normalizer.normalize('tco threats').terms);
    expect(normalizer.normalize('1787trafficking').terms).toEqual(
      normalizer.normalize('1787 trafficking').terms,
    );
    expect(normalizer.normalize('I.N.L.').terms).toEqual(['inl']);
    expect(normalizer.normalize('O.D.N.I report').terms).toEqual(normalizer.normalize('odni report').terms);
  });

  it('spells out chat shorthand from intents/language/shorthand.yaml', () => {
    expect(normalizer.normalize('wat r u for').words).toEqual(['what', 'are', 'you', 'for']);
  });

  it('keeps "US" the country apart from "us" the pronoun', () => {
    expect(normalizer.normalize('threats to the US').terms).toContain('unitedst');
    expect(normalizer.normalize('tell us about fentanyl').terms).not.toContain('unitedst');
  });
});
