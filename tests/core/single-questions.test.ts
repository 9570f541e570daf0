import { describe, expect, it } from 'vitest';
import { assistant } from '../support/assistant.js';

const bot = assistant();

/** Single questions issue #20 names: what the sources cannot answer declined, what they hold answered. */
describe('limits read what is asked, not the preamble', () => {
  it('answers the asking sentence when a framing sentence holds a limit word', () => {
    const answer = bot.answerNow(
      "Context: member sits on the SFOPS subcommittee. She's skeptical INL money is well spent and keeps asking who checks on it. What does 1787 say about INL?",
    );
    expect(answer.intent).toBe('solution.inl');
    expect(answer.trace.decidedBy).not.toBe('limit');
  });

  it('still declines a limit in the sentence that asks, after a preamble', () => {
    const answer = bot.answerNow(
      'My boss wants numbers, not talking points. How many agents guard the northern border?',
    );
    expect(answer.intent).toBe('fallback');
    expect(answer.trace.decidedBy).toBe('limit');
  });

  it('does not take the dot of an initialism for the end of a sentence', () => {
    const answer = bot.answerNow(
      'Exactly how many billions of dollars do TCOs launder through U.S. banks each year?',
    );
    expect(answer.trace.decidedBy).toBe('limit');
  });
});

describe('rankings and history the sources do not hold', () => {
  it.each([
    'which country produces the most meth',
    'what states have the most overdose deaths',
    'top 10 smuggling routes into the us',
  ])('declines a ranking: %s', (question) => {
    const answer = bot.answerNow(question);
    expect(answer.intent).toBe('fallback');
    expect(answer.trace.decidedBy).toBe('limit');
    expect(answer.trace.reason).toContain('rankings');
  });

  it('answers what 1787 says matters most', () => {
    const answer = bot.answerNow('which solutions matter most for fentanyl');
    expect(answer.intent).not.toBe('fallback');
    expect(answer.trace.decidedBy).not.toBe('limit');
  });

  it('declines a historical event that shares a word with a topic', () => {
    const answer = bot.answerNow('which treaty ended ww1');
    expect(answer.intent).toBe('fallback');
    expect(answer.trace.reason).toContain('history');
    expect(bot.answerNow('what treaties does 1787 want').intent).toBe('solution.treaties');
  });
});
