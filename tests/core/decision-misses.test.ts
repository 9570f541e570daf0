import { describe, expect, it } from 'vitest';
import { assistant } from '../support/assistant.js';

const bot = assistant();

/** The misses issue #20 names, each a question in and the answer out. */
describe('answers down to the fact; limits that yield to what the sources hold', () => {
  it('reads a citation style from the words typed and the rest without it: one version of the question', async () => {
    const answer = await bot.ask('is the ata in apa format');
    expect(answer.intent).toBe('source.ata');
    expect(answer.style).toBe('apa');
  });

  it('answers a question about a fact the knowledge base holds with that fact and its reference', () => {
    const answer = bot.answerNow('how much money went to the merida initiative');
    expect(answer.trace.decidedBy).toBe('fact');
    expect(answer.intent).toBe('solution.mexico');
    expect(answer.text).toContain('$3.3 billion');
    expect(answer.citations.map((c) => c.reference).join('\n')).toMatch(/Congressional Research Service/);
    // A figure it does not hold is still declined.
    expect(bot.answerNow('how much did congress appropriate for INL last year').trace.decidedBy).toBe(
      'limit',
    );
    expect(bot.answerNow('how many overdose deaths were there last year').trace.decidedBy).toBe('limit');
  });

  it('answers a date it holds', () => {
    const answer = bot.answerNow('when did ilea open');
    expect(answer.intent).toBe('solution.ilea');
    expect(answer.text).toContain('1995');
  });

  it('does not let a limit override the topic the question names', () => {
    expect(bot.answerNow('tougher sentences for traffickers?').intent).toBe('solution.penalties');
    expect(bot.answerNow('whats the sentence for fentanyl trafficking').trace.decidedBy).toBe('limit');
  });
});
