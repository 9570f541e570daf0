import { Cite } from '@citation-js/core';
import '@citation-js/plugin-ris';
import { describe, expect, it } from 'vitest';
import { toCslItem } from '../../src/core/citations/csl.js';
import { ReferenceProvider } from '../../src/core/citations/provider.js';
import { renderRecords, risInstitution } from '../../src/core/citations/render.js';
import { assistant, knowledgeBase, TestConversation } from '../support/assistant.js';

type Item = Record<string, unknown>;

/** A name as printed, whether a reader kept it whole (CSL `literal`) or split it (family, given). */
function printed(names: unknown): string[] {
  return (names as { literal?: string; family?: string; given?: string }[]).map(
    (n) => n.literal ?? [n.family, n.given].filter(Boolean).join(', '),
  );
}

const bot = () => assistant({ references: new ReferenceProvider(knowledgeBase(), 'plain') });

describe('RIS, as reference managers import it', () => {
  it('every source round-trips through citation-js field for field, its access date included', () => {
    const kb = knowledgeBase();
    let accessed = 0;
    for (const source of kb.sources.values()) {
      const ris = renderRecords([{ source }], 'ris');
      expect(ris).toMatch(/^TY {2}- [A-Z]+\n[\s\S]*\nER {2}-$/);
      const [back, ...more] = new Cite(ris).data as Item[];
      expect(more).toEqual([]);
      const { id: _id, author, genre, ...fields } = toCslItem(source) as unknown as Item;
      const {
        id: _backId,
        _graph,
        author: backAuthor,
        genre: backGenre,
        medium,
        ...backFields
      } = back as Item;
      // Every other field as written: title, short title, publisher, dates, URL, number, note.
      expect(backFields, source.id).toEqual(fields);
      // The author's name as printed, an institution's parts after full stops (the next test says why).
      expect(printed(backAuthor), source.id).toEqual(printed(author).map(risInstitution));
      // Our description of an untitled work travels as RIS's "type of work" (M3): a report's genre,
      // a web page's medium (the RIS spec's reading of M3 for ELEC).
      expect(source.kind === 'webpage' ? medium : backGenre, source.id).toEqual(genre);
      if (source.accessed !== undefined) {
        accessed += 1;
        expect(back?.accessed, source.id).toEqual({ 'date-parts': [source.accessed.split('-').map(Number)] });
        // Zotero and EndNote read the access date from Y2, for every type of work.
        expect(ris, source.id).toMatch(/^Y2 {2}- \d{4}\/\d{1,2}\/\d{1,2}\/$/m);
      }
    }
    expect(accessed).toBeGreaterThan(0);
  });

  it('writes an institution as one name with no comma, which importers keep whole', () => {
    // RIS has no field for an institution; the convention importers share is the comma. Zotero's RIS
    // translator splits an AU at its first comma and, with nothing after it, stores the name in one
    // field (fieldMode 1, its mark for an institution); citation-js keeps it as a CSL literal.
    const zoteroCreator = (value: string) => {
      const [last = '', ...rest] = value.split(/\s*,\s*/);
      const first = rest.join(', ');
      return first === '' ? { lastName: last, fieldMode: 1 } : { lastName: last, firstName: first };
    };
    const written: string[] = [];
    for (const source of knowledgeBase().sources.values()) {
      const ris = renderRecords([{ source }], 'ris');
      const [back] = new Cite(ris).data as Item[];
      for (const [, name = ''] of ris.matchAll(/^AU {2}- (.*)$/gm)) {
        written.push(name);
        expect(zoteroCreator(name), source.id).toEqual({ lastName: name, fieldMode: 1 });
        if (name.includes(' ')) expect(back?.author, source.id).toContainEqual({ literal: name });
      }
    }
    // Every word of a subordinate body's name is kept, its parent first.
    expect(written).toContain('U.S. Department of State. Office of Inspector General');
    expect(written).toContain('Office of the Director of National Intelligence');
  });

  it('is an answer style: "ris for the ransomware quote" gives whole records that parse back', async () => {
    const answer = await bot().ask('ris for the ransomware quote');
    expect(answer).toMatchObject({
      kind: 'answer',
      topic: 'threat.ransomware',
      style: 'ris',
      followUp: 'source',
    });
    expect(answer.references.length).toBeGreaterThan(0);
    for (const r of answer.references) {
      expect(r.kind).toBe('record');
      const items = new Cite(r.entry).data as Item[];
      expect(items.map((i) => i.URL)).toContain(knowledgeBase().sources.get(r.sourceId)?.url);
    }
  });

  it('"give me that in RIS" after a topic gives that topic in RIS, and the style sticks', async () => {
    const chat = new TestConversation(bot(), 'ris-that');
    await chat.say('fentanyl?');
    const that = await chat.say('give me that in RIS');
    expect(that).toMatchObject({ topic: 'threat.drugs', style: 'ris' });
    const listed = await chat.say('references so far');
    expect(listed.style).toBe('ris');
    const file = listed.files?.find((f) => f.format === 'ris')?.content ?? '';
    expect((new Cite(file).data as Item[]).map((i) => i.URL).sort()).toEqual(
      listed.references.map((r) => knowledgeBase().sources.get(r.sourceId)?.url).sort(),
    );
  });
});
