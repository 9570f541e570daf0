import { describe, expect, it } from 'vitest';
import { afterTurn, FADE, recalledTopic, strengthOf } from '../../src/core/conversation/memory.js';
import { assistant, TestConversation } from '../support/assistant.js';

describe('memory that fades', () => {
  it('weakens a topic with each turn that answers none, more for a decline, and with idle time', () => {
    const start = afterTurn(undefined, { topic: 'solution.ilea', declined: false }, 0);
    expect(start).toEqual({ topic: 'solution.ilea', strength: 1, since: 0 });
    const declined = afterTurn(start, { topic: null, declined: true }, 0);
    const other = afterTurn(start, { topic: null, declined: false }, 0);
    expect(declined?.strength).toBeCloseTo(FADE.decline);
    expect(other?.strength).toBeCloseTo(FADE.turn);
    // Idle time halves it every half-life.
    expect(strengthOf(start as never, FADE.halfLifeMs)).toBeCloseTo(0.5);
    expect(recalledTopic(start, 0, 0.5)).toBe('solution.ilea');
    expect(recalledTopic(start, 10 * FADE.halfLifeMs, 0.5)).toBeUndefined();
  });

  it('forgets ILEA after twenty declined turns', async () => {
    const chat = new TestConversation(assistant(), 'fading');
    expect((await chat.say('tell me about ilea')).intent).toBe('solution.ilea');
    for (let i = 0; i < 20; i++) expect((await chat.say('best pizza in town')).kind).toBe('decline');
    const where = await chat.say('where does your info come from');
    expect(where.intent).not.toBe('solution.ilea');
  });

  it('keeps the topic through one off-topic turn', async () => {
    const chat = new TestConversation(assistant(), 'one-off');
    expect((await chat.say('what does the ata say about ransomware')).intent).toBe('threat.ransomware');
    expect((await chat.say('best pizza in town')).kind).toBe('decline');
    const more = await chat.say('tell me more');
    expect([more.intent, more.followUp]).toEqual(['threat.ransomware', 'more']);
  });

  it('fades with idle time too: two declines and five idle minutes forget what two declines alone do not', async () => {
    let now = 0;
    const bot = assistant({ now: () => now });
    for (const id of ['busy', 'idle']) {
      const chat = new TestConversation(bot, id);
      expect((await chat.say('what does the ata say about ransomware')).intent).toBe('threat.ransomware');
      await chat.say('best pizza in town');
      await chat.say('what is the capital of peru');
    }
    expect((await new TestConversation(bot, 'busy').say('tell me more')).intent).toBe('threat.ransomware');
    now += 5 * 60_000;
    expect((await new TestConversation(bot, 'idle').say('tell me more')).kind).toBe('clarify');
  });
});

describe('the bot knows itself', () => {
  const bot = assistant();
  it.each([
    'who are you',
    'who made you',
    'how current is this',
    'when was your data last updated',
    'when did you last read your sources',
  ])(
    '%s is answered from the knowledge base’s own data',
    async (q) => {
      const answer = await bot.ask(q);
      expect(answer.intent).toBe('bot.help');
      expect(answer.text).toContain('Annual Threat Assessment');
      expect(answer.text).toMatch(/last read on \w+ \d+, \d{4}/);
    },
  );

  it('gives the short view for tl;dr, shorter and in one line', async () => {
    for (const q of ['tl;dr', 'shorter', 'in one line']) {
      const chat = new TestConversation(assistant(), `short-${q}`);
      const full = await chat.say('what does the ata say about ransomware');
      const short = await chat.say(q);
      expect([short.intent, short.followUp]).toEqual(['threat.ransomware', 'short']);
      expect(short.text.length).toBeLessThan(full.text.length);
    }
  });
});
