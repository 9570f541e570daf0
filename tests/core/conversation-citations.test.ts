import { Cite } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import '@citation-js/plugin-ris';
import { describe, expect, it } from 'vitest';
import { referenceParts } from '../../src/core/document/forms.js';
import { ReferenceProvider } from '../../src/core/citations/provider.js';
import { assistant, knowledgeBase } from '../support/assistant.js';

const bot = () => assistant({ references: new ReferenceProvider(knowledgeBase(), 'plain') });

interface Item {
  id?: string;
  type?: string;
  title?: string;
  URL?: string;
  publisher?: string;
  issued?: unknown;
  author?: unknown;
}

describe('a conversation cites', () => {
  it('keeps a style chosen for the rest of the conversation ("use APA from now on")', async () => {
    const b = bot();
    const context = { conversationId: 'sticky' };
    const first = await b.ask('cite the ransomware quote in apa', context);
    expect(first.style).toBe('apa');
    const next = await b.ask('what about fentanyl?', context);
    expect(next.style).toBe('apa');
    expect(next.references[0]?.inText).toMatch(/\(/);
    // Another conversation is not touched.
    expect((await b.ask('what about fentanyl?', { conversationId: 'other' })).style).toBe('plain');
    await b.chooseStyle('mla', context);
    expect((await b.ask('fraud', context)).style).toBe('mla');
  });

  it('numbers Chicago notes across the conversation: a full note first, short ones after', async () => {
    const b = bot();
    const context = { conversationId: 'notes' };
    const one = await b.ask('ransomware in chicago', context);
    const two = await b.ask('and what about fentanyl?', context);
    const notes = [...one.references, ...two.references].filter((r) => r.footnote !== undefined);
    expect(notes.map((r) => r.footnote?.number)).toEqual(notes.map((_, i) => i + 1));
    const seen = new Set<string>();
    for (const r of notes) {
      const key = `${r.sourceId}|${r.via ?? ''}`;
      expect(r.footnote?.form).toBe(seen.has(key) ? 'short' : 'full');
      seen.add(key);
    }
    expect(notes.some((r) => r.footnote?.form === 'short')).toBe(true);
    const shortOne = notes.find((r) => r.footnote?.form === 'short');
    expect(shortOne && referenceParts(shortOne, 'note')[0]?.text).toBe(shortOne?.note?.short);
  });

  it('gives the form asked for: in-text only, footnote, reference list', async () => {
    const b = bot();
    const inText = await b.ask('in-text citation only pls for the ransomware quote in apa');
    expect(inText.form).toBe('in-text');
    const parts = inText.references.flatMap((r) => referenceParts(r, inText.form));
    expect(parts.every((p) => p.label === 'In text')).toBe(true);
    const footnote = await b.ask('give me a footnote for the fentanyl line in chicago');
    expect(footnote.form).toBe('note');
    expect(
      footnote.references.flatMap((r) => referenceParts(r, 'note')).every((p) => /^Note/.test(p.label ?? '')),
    ).toBe(true);
    const chicagoInText = await b.ask('just the in-text cite for ransomware in chicago');
    expect(chicagoInText.notes.map((n) => n.code)).toContain('form-not-in-style');
  });

  it("exports a three-topic conversation's bibliography as .bib, .ris and .json that parse back field for field", async () => {
    const b = bot();
    const context = { conversationId: 'three' };
    await b.ask('ransomware', context);
    await b.followUp('more', 'solution.mexico', context);
    await b.followUp('more', 'solution.inl', context);
    const bib = await b.bibliography(context, 'chicago');
    const ids = bib.references.map((r) => r.sourceId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expect.arrayContaining(['odni-ata-2024', '1787-transnational-crime', 'crs-if10578']));
    const json = JSON.parse(bib.files.json) as Item[];
    const fromBib = new Cite(bib.files.bib).data as Item[];
    const fromRis = new Cite(bib.files.ris).data as Item[];
    expect(json.length).toBeGreaterThanOrEqual(3);
    expect(fromBib).toHaveLength(json.length);
    expect(fromRis).toHaveLength(json.length);
    const kb = knowledgeBase();
    for (const [i, item] of json.entries()) {
      const source = kb.sources.get(item.id ?? '');
      expect(source, item.id).toBeDefined();
      for (const back of [fromBib[i], fromRis[i]]) {
        expect(back?.URL).toBe(item.URL);
        expect(back?.publisher).toBe(item.publisher);
        expect(back?.issued).toEqual(item.issued);
        expect(back?.title?.toLowerCase()).toBe(item.title?.toLowerCase());
      }
    }
    expect(bib.files.txt.split('\n\n')).toHaveLength(bib.references.length);
  });
});
