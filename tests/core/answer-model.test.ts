import { describe, expect, it } from 'vitest';
import type { Answer, Block } from '../../src/core/index.js';
import { compose } from '../../src/core/pipeline/compose.js';
import type { Trace } from '../../src/core/pipeline/decide.js';
import { ReferenceProvider } from '../../src/core/citations/provider.js';
import type { KnowledgeBase, Topic } from '../../src/knowledge/types.js';
import { assistant, knowledgeBase } from '../support/assistant.js';

const trace: Trace = {
  decidedBy: 'platform',
  reason: 'a test',
  steps: [],
  previousTopic: null,
  threshold: 0.5,
  classification: null,
};

function plainText(blocks: readonly Block[]): string {
  return blocks
    .map((b) =>
      b.kind === 'quote'
        ? b.text
        : b.kind === 'list'
          ? b.items.map((i) => i.map((r) => r.text).join('')).join('\n')
          : b.content.map((r) => r.text).join(''),
    )
    .join('\n');
}

describe('the structured answer', () => {
  it('gives one reference per source, each quote with its source and whether the text shows it', async () => {
    const bot = assistant();
    const more = await bot.followUp('more', 'threat.ransomware');
    expect(more.quotes).toHaveLength(1);
    expect(more.quotes[0]).toMatchObject({
      sourceId: 'odni-ata-2024',
      via: '1787-transnational-crime',
      shownInText: true,
    });
    const ids = more.references.map((r) => r.sourceId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(['odni-ata-2024', '1787-transnational-crime']);
    expect(more.references[0]?.quotes).toEqual([0]);
    // The summary does not quote the words: a surface lists the quote.
    const summary = await bot.showTopic('threat.ransomware');
    expect(summary.quotes[0]?.shownInText).toBe(false);
    expect(summary.blocks[0]).toMatchObject({ kind: 'paragraph', role: 'summary' });
    expect(summary.summary).not.toMatch(/\*\*|_/);
  });

  it('carries background facts with their sources, and their sources among the references', async () => {
    const more = await assistant().followUp('more', 'solution.mexico');
    expect(more.facts.map((f) => f.sourceId)).toEqual(['crs-if10578', 'crs-if10578']);
    expect(more.references.map((r) => r.sourceId)).toContain('crs-if10578');
    const list = more.blocks.find((b) => b.kind === 'list');
    expect(list?.kind === 'list' && list.items[0]?.some((i) => i.kind === 'strong')).toBe(true);
  });

  it('gives Chicago references their full and short notes, APA and MLA their in-text forms', async () => {
    const kb = knowledgeBase();
    const provider = new ReferenceProvider(kb);
    for (const [style, field] of [
      ['chicago', 'note'],
      ['apa', 'inText'],
      ['mla', 'inText'],
    ] as const) {
      const format = await provider.formatter(style);
      const answer = compose(
        { kind: 'answer', topic: 'threat.drugs', view: 'summary', confidence: 1 },
        trace,
        {
          kb,
          format,
          style,
          suggestionKinds: { get: () => null },
        },
      );
      expect(answer.references.length).toBeGreaterThan(0);
      for (const r of answer.references) {
        expect(r.kind).toBe('text');
        expect(r[field]).toBeDefined();
      }
      if (style === 'chicago') {
        const ata = answer.references[0];
        expect(ata?.note?.full.length).toBeGreaterThan(ata?.note?.short.length ?? 0);
      }
    }
  });

  it('says what it declines with a code, and offers topics as topic references', async () => {
    const bot = assistant();
    const long = await bot.ask('fentanyl '.repeat(80));
    expect(long.kind).toBe('decline');
    expect(long.notes.map((n) => n.code)).toEqual(['too-long']);
    const off = await bot.ask('what do my sources say about the moon landing hoax');
    expect(off.kind).toBe('decline');
    const harvard = await bot.ask('cite the ransomware quote in harvard');
    expect(harvard.notes.map((n) => n.code)).toEqual(['unsupported-style']);
  });

  it('takes its counts from the knowledge base: an eleventh solution is never "ten"', async () => {
    const kb = knowledgeBase();
    const mexico = kb.topics.get('solution.mexico') as Topic;
    const topics = new Map(kb.topics);
    topics.set('solution.eleventh', { ...mexico, id: 'solution.eleventh', title: 'An eleventh solution' });
    const grown: KnowledgeBase = { ...kb, topics };
    const provider = new ReferenceProvider(grown);
    const compose11 = (view: 'solutions'): Answer =>
      compose({ kind: 'answer', topic: 'threat.drugs', view, confidence: 1 }, trace, {
        kb: grown,
        format: provider.defaultFormatter,
        style: 'plain',
        suggestionKinds: { get: () => null },
      });
    expect(plainText(compose11('solutions').blocks)).toContain("Of 1787's eleven solutions");
    const decline = compose(
      { kind: 'decline', reason: { code: 'out-of-scope', subject: 'the moon' }, nearest: [], confidence: 0 },
      trace,
      { kb: grown, format: provider.defaultFormatter, style: 'plain', suggestionKinds: { get: () => null } },
    );
    expect(decline.notes[0]?.code).toBe('out-of-scope');
    expect(decline.notes[0]?.content.map((i) => i.text).join('')).toContain(
      'the eleven solutions 1787 proposes',
    );
    expect(decline.notes[0]?.content.map((i) => i.text).join('')).toMatch(/^My two sources/);
  });

  it('nests quotation marks: a quote with double marks inside gets single ones', async () => {
    const sources = await assistant().followUp('source', 'source.ata');
    expect(sources.text).not.toMatch(/“[^”]*“/);
  });
});

describe('a topic view parsed once, shared by the answers that show it', () => {
  it('is frozen: a surface writing into one answer cannot change the next', () => {
    const bot = assistant();
    const first = bot.answerNow('what does the report say about ransomware');
    const block = first.blocks[0] as Block;
    expect(Object.isFrozen(block)).toBe(true);
    expect(() => {
      (block as { kind: string }).kind = 'changed';
    }).toThrow(TypeError);
    const second = bot.answerNow('ransomware?');
    expect(second.blocks).toEqual(first.blocks);
    expect(second.blocks[0]?.kind).not.toBe('changed');
  });
});
