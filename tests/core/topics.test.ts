import { describe, expect, it } from 'vitest';
import { assistant } from '../support/assistant.js';

const bot = assistant();
const first = (text: string): string | undefined => bot.findTopics(text, 5)[0]?.intent;

describe('finding topics as someone types (autocomplete, "Did you mean")', () => {
  it('puts the right topic first from the second letter', () => {
    for (const typed of ['fe', 'fen', 'fent', 'fenta', 'fentanyl'])
      expect(first(typed), typed).toBe('threat.drugs');
    for (const typed of ['ra', 'ran', 'rans', 'ransomware'])
      expect(first(typed), typed).toBe('threat.ransomware');
    for (const typed of ['ca', 'can', 'cana', 'canada']) expect(first(typed), typed).toBe('solution.canada');
    expect(first('inl')).toBe('solution.inl');
    expect(first('mexi')).toBe('solution.mexico');
  });

  it('forgives a typo in a word of four letters or more, and reads names and titles', () => {
    expect(first('ilae')).toBe('solution.ilea');
    expect(first('ransomwre')).toBe('threat.ransomware');
    expect(first('the canada one')).toBe('solution.canada');
    expect(first('human traf')).toMatch(/^(?:threat|solution)\.trafficking$/);
  });

  it('lists every topic, in list order, for nothing typed; nothing for text that names none', () => {
    expect(bot.findTopics('').map((m) => m.intent)).toEqual(bot.topics().map((t) => t.intent));
    expect(bot.findTopics('x')).toEqual([]);
    expect(bot.findTopics('qqqq zzzz')).toEqual([]);
  });

  it('answers a topic id (an autocomplete pick sent back) with exactly that topic', () => {
    expect(bot.findTopics('solution.border').map((m) => m.intent)).toEqual(['solution.border']);
  });
});

describe('the topic list', () => {
  it('groups threats, solutions (in 1787’s order), sources and related pages', () => {
    const ids = bot.topics().map((t) => t.intent);
    expect(ids.slice(0, 6)).toEqual([
      'threat.overview',
      'threat.instability',
      'threat.drugs',
      'threat.fraud',
      'threat.ransomware',
      'threat.trafficking',
    ]);
    expect(ids.slice(6, 17)).toEqual([
      'solution.overview',
      'solution.mexico',
      'solution.inl',
      'solution.penalties',
      'solution.institutions',
      'solution.corruption',
      'solution.treaties',
      'solution.border',
      'solution.trafficking',
      'solution.ilea',
      'solution.canada',
    ]);
    expect(ids.slice(17)).toEqual(['source.ata', 'source.1787', 'related.immigration']);
  });
});

describe('one cite resolver for every surface', () => {
  it('cites a topic named in any words, a source by any of its names, and nothing it is unsure of', async () => {
    expect(await bot.cite('the ransomware bit')).toMatchObject({
      kind: 'topic',
      topic: { intent: 'threat.ransomware' },
    });
    expect(await bot.cite('threat.drugs')).toMatchObject({
      kind: 'topic',
      topic: { intent: 'threat.drugs' },
    });
    const ata = await bot.cite('ata');
    expect(ata.kind === 'source' && ata.sources.map((s) => s.id)).toEqual(['odni-ata-2024']);
    for (const text of ['x', 'f', 'AT&amp;T &lt;b&gt;', 'weather in paris']) {
      expect((await bot.cite(text)).kind, text).toBe('none');
    }
    const near = await bot.cite('fe');
    expect(near.kind === 'none' && near.suggestions[0]?.intent).toBe('threat.drugs');
  });

  it('reads a style named in the text, and says so for one it does not write', async () => {
    expect(await bot.cite('fentanyl apa')).toMatchObject({ kind: 'topic', style: 'apa' });
    expect(await bot.cite('fentanyl in harvard')).toMatchObject({
      kind: 'topic',
      unsupportedStyle: 'harvard',
    });
    expect(await bot.cite('fentanyl apa', 'mla')).toMatchObject({ style: 'mla' });
  });
});
