import { describe, expect, it } from 'vitest';
import { READING_NAMES } from '../../src/core/pipeline/precedence.js';
import { assistant } from '../support/assistant.js';

const bot = assistant();

describe('answering the questions staff actually type', () => {
  it.each([
    // Two topics it may be about: either answer is right, answered rather than declined.
    ['fentanil from mexico?', 'threat.drugs|solution.mexico'],
    ["what's INL", 'solution.inl'],
    ['cite the ransomware bit', 'threat.ransomware'],
    ['what does the report say about fentanyl', 'threat.drugs'],
    ['corruptoin', 'solution.corruption'],
    ['is human traffiking a big threat', 'threat.trafficking'],
    ['ILEA?', 'solution.ilea'],
    ['what are 1787s solutions', 'solution.overview'],
    ['where can I read the threat assessment', 'source.ata'],
    ['hey bot, what does the DNI say about money laundering', 'threat.fraud'],
    ['how do we counter TCOs', 'solution.overview'],
    ['hi', 'bot.greeting'],
    ['thanks!', 'bot.thanks'],
    ['what can u do', 'bot.help'],
    // A pasted link says what it is about: Slack wraps it in <>, and its words count.
    [
      '<https://www.dni.gov/files/ODNI/documents/assessments/ATA-2024-Unclassified-Report.pdf> is this it?',
      'source.ata',
    ],
  ])('%s -> %s', async (question, intent) => {
    const answer = await bot.ask(question);
    expect(intent.split('|')).toContain(answer.intent);
    expect(answer.kind === 'answer' || answer.kind === 'bot').toBe(true);
    if (!intent.includes('|')) expect(answer.confidence).toBeGreaterThanOrEqual(bot.threshold);
  });

  it('answers a threat with the verbatim quote, attributed to the 2024 assessment as quoted by 1787', async () => {
    const answer = await bot.ask('what does the report say about fentanyl');
    const [quoted, relay] = answer.citations;
    expect(quoted?.sourceId).toBe('odni-ata-2024');
    expect(quoted?.quote).toContain(
      'Illicit drugs including fentanyl, heroin, methamphetamine, and South American-sourced cocaine',
    );
    expect(quoted?.date).toBe('2024-02-05');
    expect(quoted?.via).toBe('1787-transnational-crime');
    expect(quoted?.reference).toMatch(
      /Office of the Director of National Intelligence.*2024.*quoted in 1787/,
    );
    expect(relay?.sourceId).toBe('1787-transnational-crime');
    expect(relay?.url).toBe('https://1787securityplatform.com/transnationalcrime');
    expect(answer.related.map((r) => r.intent)).toContain('solution.mexico');
    expect(answer.text.split(/(?<=[.!?])\s+/).length).toBeLessThanOrEqual(3);
  });

  it('answers a solution with 1787 as its source', async () => {
    const answer = await bot.ask('what does 1787 want done about INL');
    expect(answer.intent).toBe('solution.inl');
    expect(answer.citations[0]?.sourceId).toBe('1787-transnational-crime');
    expect(answer.citations[0]?.quote).toContain(
      'Fortify the Bureau of International Narcotics and Law Enforcement Affairs (INL).',
    );
  });
});

describe('declining what it does not know, politely and with suggestions', () => {
  it.each([
    "what's the capital of Canada",
    'weather in Mexico City',
    'what does the DNI say about Russia',
    'treaty of versailles summary',
    'how many people died of fentanyl last year',
    'what page of the ATA covers ransomware',
    'who is the current DNI',
    'what does the 2025 threat assessment say about cartels',
    'asdfghjkl',
    'write me a poem about the border',
  ])('declines %s', async (question) => {
    const answer = await bot.ask(question);
    expect(answer).toMatchObject({ kind: 'decline', intent: 'fallback' });
    expect(answer.citations).toEqual([]);
    // Either what the bot covers, or the specific reason it cannot answer this (a figure, a page, an official).
    expect(answer.text).toMatch(
      /I can only answer questions about transnational organized crime|I don't|I only cover|say nothing about/,
    );
  });

  it('acknowledges an in-domain subject its sources do not cover, and says what they do', async () => {
    const answer = await bot.ask('what does the ATA say about the Sinaloa cartel');
    expect(answer.kind).toBe('decline');
    expect(answer.text).toMatch(/say nothing about “[^”]*sinaloa[^”]*”/i);
    expect(answer.text).toContain("ODNI's 2024 Annual Threat Assessment");
  });

  it('offers the nearest topics as "Did you mean", and as buttons', async () => {
    const answer = await bot.ask('fentanyl statistics for ohio');
    expect(answer.intent).toBe('fallback');
    expect(answer.text).toMatch(/figures/);
    expect(answer.related[0]?.intent).toBe('threat.drugs');
    expect(answer.text).toContain('Did you mean');
    expect(answer.actions[0]).toMatchObject({ kind: 'topic', topic: 'threat.drugs' });
  });

  it('gives confidence as a probability, and none where nothing was classified', async () => {
    for (const q of ['fentanyl', 'weather in mexico city', 'hello']) {
      const { confidence } = await bot.ask(q);
      expect(confidence).toBeGreaterThanOrEqual(0);
      expect(confidence).toBeLessThanOrEqual(1);
    }
    expect((await bot.ask('')).confidence).toBeNull();
  });

  it('lets the threshold be set: at 1 only exact phrases are answered', async () => {
    const strict = assistant({ threshold: 1 });
    expect((await strict.ask('what does the report say about fentanil smuggling')).intent).toBe('fallback');
  });

  it('explains its choice: the step that decided, the candidates and the deciding terms', async () => {
    const { trace } = await bot.ask('fentenyl from mexico?');
    expect(trace.decidedBy).toBe('topic');
    // Every reading up to the one that decided gives its verdict, in the precedence table's order.
    const read = trace.steps.map((s) => s.step);
    // (the fact reading only stands in for a limit that yields to it)
    expect(read).toEqual(READING_NAMES.filter((r) => r !== 'fact').slice(0, read.length));
    expect(trace.steps.find((s) => s.outcome === 'decided')?.step).toBe('topic');
    expect(trace.classification?.corrections).toContain('fentenyl → fentanyl');
    expect(trace.classification?.candidates[0]?.intent).toBe('threat.drugs');
    expect(trace.classification?.candidates[0]?.evidence.map((e) => e.term)).toContain('fentanyl');
  });
});
