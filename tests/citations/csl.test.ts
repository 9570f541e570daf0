import { describe, expect, it } from 'vitest';
import { cslDate, shortTitle, toCslItem } from '../../src/core/citations/csl.js';
import { joinNotes } from '../../src/core/citations/render.js';
import { knowledgeBase, source } from './helpers.js';

describe('CSL items', () => {
  it('keep an institution whole as author, and give dates only as precise as the source', () => {
    expect(cslDate('2024-02-05')).toEqual({ 'date-parts': [[2024, 2, 5]] });
    expect(cslDate('2020-05')).toEqual({ 'date-parts': [[2020, 5]] });
    const gao = toCslItem(source('gao-20-388'));
    expect(gao).toMatchObject({
      type: 'report',
      author: [{ literal: 'U.S. Government Accountability Office' }],
      issued: { 'date-parts': [[2020, 5]] },
    });
    expect(gao).not.toHaveProperty('URL');
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
