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

  it.each(['how is meth made', 'what is fentanyl made from'])('declines how a drug is made: %s', (q) => {
    const answer = bot.answerNow(q);
    expect(answer.intent).toBe('fallback');
    expect(answer.trace.reason).toContain('how-made');
  });

  it('declines a punishment the courts hand down, not the penalties 1787 proposes', () => {
    expect(bot.answerNow('what is the punishment for human trafficking').trace.reason).toContain('sentences');
    expect(bot.answerNow('tougher punishment for cartel bosses').intent).toBe('solution.penalties');
  });

  it('declines a historical event that shares a word with a topic', () => {
    const answer = bot.answerNow('which treaty ended ww1');
    expect(answer.intent).toBe('fallback');
    expect(answer.trace.reason).toContain('history');
    expect(bot.answerNow('what treaties does 1787 want').intent).toBe('solution.treaties');
  });
});

describe('questions about the bot itself', () => {
  it.each([
    'are you an AI? what do you actually know about',
    'who maintains this',
    'can you search the web',
    'when was this last updated',
    'where does your info come from',
  ])('answers %s with help, from the knowledge base’s own data', (question) => {
    const answer = bot.answerNow(question);
    expect(answer.intent).toBe('bot.help');
    expect(answer.text).toMatch(/last read on/);
  });

  it.each([
    'can you explain the filibuster',
    'do you like pizza',
    'do u think it will actually work',
  ])('declines a question to the bot about something else: %s', (question) => {
    expect(bot.answerNow(question).intent).toBe('fallback');
  });

  it('is a greeting or thanks when the models read one', () => {
    expect(bot.answerNow('thanks for your help').intent).toBe('bot.thanks');
  });
});

describe('a question that names only who speaks', () => {
  it('asks what that source says of the subject another clause names', () => {
    const answer = bot.answerNow(
      "Background for the briefing: the committee marks up a State authorization bill next month. There's a provision touching the narcotics and law enforcement bureau's programs overseas. Several members have complained about weak evaluation. what's 1787's position?",
    );
    expect(answer.intent).toBe('solution.inl');
    expect(answer.trace.decidedBy).toBe('clause');
  });

  it('reads the subject from a quoted question beside the ask', () => {
    const answer = bot.answerNow(
      'We got a constituent email: "Why isn\'t the government doing more about human trafficking at the border?" How should we respond, per 1787?',
    );
    expect(answer.intent).toMatch(/trafficking$/);
  });

  it('is the source itself when only a frame names a topic', () => {
    expect(bot.answerNow('For my memo on fentanyl, who is 1787?').intent).toBe('source.1787');
  });
});

describe('a source named beside a topic', () => {
  it.each([
    ['alright, source for the TCO overview', 'threat.overview'],
    ["what's the source for the instability threat", 'threat.instability'],
  ])('%s is the topic’s sources, not the document’s', (question, topic) => {
    const answer = bot.answerNow(question);
    expect(answer.intent).toBe(topic);
    expect(answer.followUp).toBe('source');
  });

  it('is the document itself when the question is about it', () => {
    expect(bot.answerNow('who published the threat assessment').intent).toBe('source.ata');
    expect(bot.answerNow('source for the TCO threats').intent).toBe('source.ata');
  });
});
