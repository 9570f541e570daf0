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

describe('a question put indirectly ("wants to know which …")', () => {
  it('reads the sentence after the cue as the one that asks', () => {
    const answer = bot.answerNow(
      're: the citation question from yesterday\nLegal counsel wants to know exactly which document the threat quotes come from and when it came out.\nCan you confirm?',
    );
    expect(answer.intent).toBe('source.ata');
    expect(answer.trace.decidedBy).toBe('clause');
  });

  it('still declines a limit asked indirectly', () => {
    const answer = bot.answerNow('My boss wants to know how many agents guard the northern border.');
    expect(answer.intent).toBe('fallback');
  });
});

describe('superlatives', () => {
  it.each([
    ['what are the biggest threats from TCOs', 'threat.overview'],
    ['what are the greatest dangers from cartels', 'threat.overview'],
  ])('a superlative over what the bot holds is that topic: %s', (question, intent) => {
    const answer = bot.answerNow(question);
    expect(answer.intent).toBe(intent);
    expect(answer.trace.decidedBy).not.toBe('limit');
  });

  it.each(['which cartel is the biggest', 'biggest fentanyl producers', 'the biggest drug smuggling routes'])(
    'a ranking the sources do not give is declined: %s',
    (question) => {
      const answer = bot.answerNow(question);
      expect(answer.intent).toBe('fallback');
      expect(answer.trace.decidedBy).toBe('limit');
    },
  );
});

describe('a fact a background holds, whatever it asks', () => {
  it('answers who runs the MLATs from the treaties background, not the officials limit', () => {
    const answer = bot.answerNow('who runs the MLATs');
    expect(answer.intent).toBe('solution.treaties');
    expect(answer.trace.decidedBy).toBe('fact');
    expect(answer.text).toContain('Office of International Affairs');
  });

  it('still declines who holds a post no background states', () => {
    for (const q of ['who heads INL these days', 'who is the current ilea director'])
      expect(bot.answerNow(q).trace.reason).toContain('officials');
  });
});

describe('an order asked for outright', () => {
  it.each(['rank the top 5 threats in the ATA', 'list the threats in order of importance'])(
    'declines it: %s',
    (question) => {
      const answer = bot.answerNow(question);
      expect(answer.intent).toBe('fallback');
      expect(answer.trace.reason).toContain('ordering');
    },
  );

  it.each([
    ['what are 1787’s top ten solutions', 'solution.overview'],
    ['what are the top threats', 'threat.overview'],
  ])('answers the list it names: %s', (question, intent) => {
    expect(bot.answerNow(question).intent).toBe(intent);
  });
});

describe('what the bot is', () => {
  it('answers "are you like a search engine" with its help', () => {
    expect(bot.answerNow('are you like a search engine or what').intent).toBe('bot.help');
  });
});

describe('a noun after a threat’s name is part of the name', () => {
  it.each([
    ['what should we do about the fraud problem', 'threat.fraud'],
    ['what should we do about the fentanyl problem', 'threat.drugs'],
  ])('asks for the solutions bearing on the threat: %s', (question, intent) => {
    const answer = bot.answerNow(question);
    expect(answer.intent).toBe(intent);
    expect(answer.followUp).toBe('solutions');
  });

  it('still reads "what problem does ILEA solve" as asking for the threats it answers', () => {
    const answer = bot.answerNow('what problem does ILEA solve');
    expect(answer.intent).toBe('solution.ilea');
    expect(answer.followUp).toBe('threats');
  });
});

describe('a fact answers a limit only when it holds what the limit read', () => {
  it('declines who directs ILEA Budapest: the background names the academy, not its director', () => {
    const answer = bot.answerNow('who is the director of ILEA budapest');
    expect(answer.intent).toBe('fallback');
    expect(answer.trace.reason).toContain('officials');
  });
});

describe('a pasted paragraph, then "what does the ATA say on this?"', () => {
  it('answers the threat the paragraph names by name', () => {
    const answer = bot.answerNow(
      'From our hearing prep: "Witnesses are expected to press on synthetic opioids crossing the southwest border. Members want the intelligence community\'s framing." what does the ATA say on this?',
    );
    expect(answer.intent).toBe('threat.drugs');
    expect(answer.trace.decidedBy).toBe('clause');
  });

  it('declines when the paragraph names nothing the source speaks of', () => {
    const answer = bot.answerNow(
      'From our hearing prep: "Witnesses are expected to press on the weather in Buffalo this winter. Members want the framing." what does the ATA say on this?',
    );
    expect(answer.intent).toBe('fallback');
  });
});

describe('a word shared with a phrase is no name', () => {
  it('answers "when was 1787 founded" about 1787, not ILEA ("who founded ILEA")', () => {
    const answer = bot.answerNow('when was 1787 founded');
    expect(answer.intent).toBe('source.1787');
  });
});
