import { describe, expect, it } from 'vitest';
import { assistant } from '../support/assistant.js';

const bot = assistant();

/** Single questions as a new user types them (issue #20): the bot itself, typos, superlatives, facts. */
describe('a pronoun for the bot after a sentence that names it', () => {
  it('answers with its help when the asking sentence says "it" of the bot named before', () => {
    const answer = bot.answerNow(
      "Context: intern here, first week. My supervisor said to use this bot for the TCO memo but didn't explain it. What is it and what can it answer?",
    );
    expect(answer.intent).toBe('bot.help');
    expect(answer.trace.decidedBy).toBe('self');
  });

  it('reads "it" as the bot only when the asking sentence holds nothing of its own', () => {
    expect(bot.answerNow('I use this bot for memos. What does it say about fentanyl?').intent).toBe(
      'threat.drugs',
    );
  });

  it('does not take "you" for a name: "it" is then what was asked about', () => {
    expect(bot.answerNow('I asked you about ILEA yesterday. What is it?').intent).toBe('solution.ilea');
  });
});

describe('typos the curators keep in phrases', () => {
  it('reads a long typo two edits from a far commoner word as that word', () => {
    const answer = bot.answerNow('ransomwear stuff from the ODNI report?');
    expect(answer.intent).toBe('threat.ransomware');
    expect(answer.trace.classification?.corrections).toContain('ransomwear → ransomware');
  });
});
