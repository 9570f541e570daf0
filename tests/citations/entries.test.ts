import { describe, expect, it } from 'vitest';
import { citeEntries } from '../../src/core/citations/cite.js';
import { formatReference, relayOf } from '../../src/core/citations/reference.js';
import { knowledgeBase } from '../support/assistant.js';

describe('citeEntries, the one model of a cite for every surface', () => {
  it('lists a reference-list entry shared by two sources once, with each in-text form under it', async () => {
    // In APA a quote from the assessment is listed under 1787's page, which is cited for its own words too.
    const kb = knowledgeBase();
    const ata = kb.sources.get('odni-ata-2024');
    const page = kb.sources.get('1787-transnational-crime');
    if (!ata || !page) throw new Error('sources missing');
    const secondHand = await formatReference(ata, relayOf(kb, ata), 'apa');
    const own = await formatReference(page, undefined, 'apa');
    expect(secondHand.entry).toBe(own.entry);
    const { entries } = citeEntries({
      kind: 'topic',
      query: 'both',
      topic: { intent: 'threat.ransomware', title: 'Both', group: 'threat', summary: '' },
      quotes: [{ source: ata.id, text: 'words of the assessment' }],
      references: [secondHand, own],
      style: 'apa',
    } as Parameters<typeof citeEntries>[0]);
    expect(entries).toHaveLength(1);
    expect(entries[0]?.parts).toEqual([
      { label: 'Reference list', text: own.entry, html: own.html?.entry },
      { label: 'In text', text: secondHand.inText, html: secondHand.html?.inText },
      { label: 'In text', text: own.inText, html: own.html?.inText },
    ]);
    expect(entries[0]?.quote).toBe('words of the assessment');
  });
});
