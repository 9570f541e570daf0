import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { KnowledgeBaseError } from '../../src/knowledge/errors.js';
import { containsVerbatim, loadKnowledgeBase } from '../../src/knowledge/load.js';
import { knowledgeBase, ROOT } from './helpers.js';

const temporary: string[] = [];
afterAll(() => {
  for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
});

/** A copy of the real knowledge base, with a fixture's files laid over it (the fixture holds only what differs). */
function copyKnowledgeBase(fixture?: string): string {
  const root = mkdtempSync(join(tmpdir(), 'policybot-kb-'));
  temporary.push(root);
  cpSync(join(ROOT, 'intents'), join(root, 'intents'), { recursive: true });
  cpSync(join(ROOT, 'content'), join(root, 'content'), { recursive: true });
  if (fixture) cpSync(join(ROOT, 'tests', 'fixtures', fixture), root, { recursive: true });
  return root;
}

describe('verbatim quotes', () => {
  it('finds every quote in content in its source’s stored text', () => {
    const kb = knowledgeBase();
    const quotes = [...kb.topics.values()].flatMap((t) => t.quotes.map((q) => ({ topic: t.id, ...q })));
    expect(quotes.length).toBeGreaterThan(0);
    for (const quote of quotes) {
      const stored = kb.sources.get(quote.source)?.storedText;
      expect(stored, `${quote.topic}: ${quote.source} has no stored text`).toBeDefined();
      expect(containsVerbatim(stored ?? '', quote.text), `${quote.topic}: “${quote.text}”`).toBe(true);
    }
  });

  it('refuses a knowledge base with a misquote, naming the file and field', () => {
    const root = copyKnowledgeBase('kb-misquoted');
    let error: unknown;
    try {
      loadKnowledgeBase({ root });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(KnowledgeBaseError);
    const problems = (error as KnowledgeBaseError).problems;
    // The fixture misquotes the same words in its quote and in the detail's blockquote: both are named.
    expect(problems).toEqual([
      {
        file: 'content/topics/threat.drugs.yaml',
        field: 'quotes[0].text',
        message: 'is not found verbatim in the stored text of "odni-ata-2024"',
      },
      {
        file: 'content/topics/threat.drugs.yaml',
        field: 'detail',
        message: 'line 3 is set as a quote but is not found verbatim in any stored source text',
      },
    ]);
    expect((error as Error).message).toContain(
      'content/topics/threat.drugs.yaml: quotes[0].text: is not found verbatim',
    );
  });

  it('treats line wrapping as a space, and nothing else as equal', () => {
    expect(containsVerbatim('one two\nthree', 'two three')).toBe(true);
    expect(containsVerbatim('millions of individuals', 'millions of people')).toBe(false);
    expect(containsVerbatim('“quoted”', '"quoted"')).toBe(false);
  });
});

describe('sources', () => {
  it('refuses a web page without the day it was read', () => {
    const root = copyKnowledgeBase();
    const file = join(root, 'content', 'sources.yaml');
    const text = readFileSync(file, 'utf8');
    const stripped = text.replace(/\n {2}accessed: "2026-11-26"\n {2}text:/, '\n  text:');
    expect(stripped).not.toBe(text);
    writeFileSync(file, stripped);
    expect(() => loadKnowledgeBase({ root })).toThrow(
      /content\/sources\.yaml: 1787-transnational-crime: accessed: a web page needs the date it was read/,
    );
  });
});
