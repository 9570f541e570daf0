import { describe, expect, it } from 'vitest';
import { assistant } from '../support/assistant.js';

const bot = assistant();

/** The decision's remaining misses (issue #20), each a question in and the intent and view out. */
describe('what the sources do not cover, said rather than answered from the nearest topic', () => {
  it('declines a trafficking word that qualifies another object, offering the trafficking it covers', () => {
    for (const q of ['wildlife trafficking', 'arms trafficking', 'trafficking in antiquities']) {
      const answer = bot.answerNow(q);
      expect(answer.trace.decidedBy, q).toBe('limit');
      expect(answer.text, q).toMatch(/not the trafficking or smuggling of wildlife, arms or other goods/);
      expect(
        answer.didYouMean.map((t) => t.intent),
        q,
      ).toContain('threat.trafficking');
    }
    // The trafficking the sources describe is still answered.
    expect(bot.answerNow('human trafficking').intent).toBe('threat.trafficking');
    expect(bot.answerNow('drug trafficking by tcos').intent).toBe('threat.drugs');
  });

  it('says the sources draw no line between smuggling and trafficking, and offers the trafficking topics', () => {
    const answer = bot.answerNow("human smuggling vs trafficking — what's the difference?");
    expect(answer.trace.decidedBy).toBe('limit');
    expect(answer.text).toMatch(/don't define terms or draw the line between them/);
    expect(answer.didYouMean.map((t) => t.intent).sort()).toEqual([
      'solution.trafficking',
      'threat.trafficking',
    ]);
  });
});
