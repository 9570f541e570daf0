import { describe, expect, it } from 'vitest';
import { assistant } from '../support/assistant.js';

const bot = assistant();

/** Issue #20: a pasted paragraph of the asker's own, then a plain in-scope ask. */
describe('a paragraph of context, then a plain ask', () => {
  it('counts unknown words over the sentence that asks, not the paragraph before it', () => {
    const answer = bot.answerNow(
      "Just joined the office last week, took over the judiciary file from a staffer who retired. Still learning the ropes. Could you list all of 1787's recommendations?",
    );
    expect(answer.intent).toBe('solution.overview');
    expect(answer.trace.decidedBy).toBe('clause');
  });

  it('still declines a paragraph whose ask is out of scope too', () => {
    const answer = bot.answerNow(
      'Just moved to Denver from Ohio, my kid starts school next month and we are still unpacking. Can you recommend a good pediatrician nearby?',
    );
    expect(answer.intent).toBe('fallback');
  });

  it('rescues an overview only when the sentence that asks is surely in scope alone', () => {
    const answer = bot.answerNow(
      "I'm doing a SWOT analysis for my business class and the professor is strict. What counts as a threat?",
    );
    expect(answer.intent).toBe('fallback');
  });

  it('reads a sentence asking only what a source says as pointing back at the paragraph', () => {
    const answer = bot.answerNow(
      'Our county coroner reported a spike in fentanyl overdoses this year. Families keep calling the office. What does the threat assessment say?',
    );
    expect(answer.intent).toBe('threat.drugs');
    expect(answer.trace.decidedBy).toBe('clause');
  });

  it('declines it when the paragraph names nothing the source speaks of', () => {
    const answer = bot.answerNow(
      "Our town's only bakery closed after the spring flood. Families keep calling the office. What does the threat assessment say?",
    );
    expect(answer.intent).toBe('fallback');
  });

  it('answers the view a bare ask wants of the topic the paragraph names by name', () => {
    const answer = bot.answerNow(
      "My member chairs a panel on money laundering next month. He wants a one-pager. what's the threat and what should we do?",
    );
    expect(answer.intent).toBe('threat.fraud');
    expect(answer.trace.decidedBy).toBe('clause');
  });

  it('declines the same ask after a paragraph that names no topic', () => {
    const answer = bot.answerNow(
      "My member chairs a panel on school lunches next month. He wants a one-pager. what's the threat and what should we do?",
    );
    expect(answer.intent).toBe('fallback');
  });
});
