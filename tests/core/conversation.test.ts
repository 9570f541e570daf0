import { describe, expect, it } from 'vitest';
import { ConversationStore } from '../../src/core/conversation.js';
import { assistant, TestConversation } from '../support/assistant.js';

describe('a conversation', () => {
  it('follows a threat with more detail, its source and its solutions', () => {
    const chat = new TestConversation(assistant());
    expect(chat.say('what does the report say about ransomware').intent).toBe('threat.ransomware');

    const more = chat.say('tell me more');
    expect(more).toMatchObject({ intent: 'threat.ransomware', followUp: 'more', topic: 'threat.ransomware' });
    expect(more.text.length).toBeGreaterThan(chat.transcript[0]?.answer.text.length ?? 0);

    const source = chat.say('source?');
    expect(source.followUp).toBe('source');
    expect(source.text).toContain('Transnational organized criminals involved in ransomware operations');
    expect(source.citations[0]?.reference).toContain('quoted in 1787');

    const solutions = chat.say('what should we do about it?');
    expect(solutions.followUp).toBe('solutions');
    expect(solutions.related.length).toBeGreaterThan(0);
    expect(solutions.related.every((r) => r.intent.startsWith('solution.'))).toBe(true);
    expect(solutions.citations.every((c) => c.sourceId === '1787-transnational-crime')).toBe(true);
  });

  it('answers a question after a date, place or founder with the background facts', () => {
    const bot = assistant();
    const founded = bot.ask('when was INL founded');
    expect(founded).toMatchObject({ intent: 'solution.inl', followUp: 'more' });
    expect(founded.text).toContain('1978');
    expect(bot.ask('where are the ILEA academies').text).toContain('Budapest');
    expect(bot.ask('what is INL').followUp).toBeNull();
  });

  it('follows a solution with the threats it answers', () => {
    const chat = new TestConversation(assistant());
    expect(chat.say('what does 1787 say about ILEA').intent).toBe('solution.ilea');
    const why = chat.say('why does that matter?');
    expect(why.followUp).toBe('threats');
    expect(why.related.length).toBeGreaterThan(0);
    expect(why.related.every((r) => r.intent.startsWith('threat.'))).toBe(true);
  });

  it('answers "cite that" with the last answer\'s citation, and a named topic with its own', () => {
    const chat = new TestConversation(assistant());
    chat.say('money laundering');
    expect(chat.say('cite that')).toMatchObject({ intent: 'threat.fraud', followUp: 'source' });
    expect(chat.say('tell me more about INL')).toMatchObject({ intent: 'solution.inl', followUp: 'more' });
  });

  it('applies the same limits to a follow-up: no figures, nothing mostly off topic', () => {
    const chat = new TestConversation(assistant());
    chat.say('fentanyl');
    expect(chat.say('how many?')).toMatchObject({ intent: 'fallback' });
    expect(chat.say('tell me more').topic).toBe('threat.drugs');
    expect(chat.say('cite the fifa corruption scandal').intent).toBe('fallback');
  });

  it('does not carry a topic into a conversation that never had one', () => {
    const bot = assistant();
    const cold = bot.ask('tell me more', { conversationId: 'fresh' });
    expect(cold.intent).toBe('fallback');
    expect(cold.text).toContain('About what? Ask me about a topic first');
    expect(bot.ask('source?').followUp).toBeNull();
  });

  it('keeps conversations apart', () => {
    const bot = assistant();
    bot.ask('ransomware', { conversationId: 'alice' });
    bot.ask('corruption', { conversationId: 'bob' });
    expect(bot.ask('tell me more', { conversationId: 'alice' }).topic).toBe('threat.ransomware');
    expect(bot.ask('tell me more', { conversationId: 'bob' }).topic).toBe('solution.corruption');
  });

  it('takes the topic from the platform when it knows it (a button on an older answer)', () => {
    const bot = assistant();
    bot.ask('ransomware', { conversationId: 'c' });
    expect(bot.ask('tell me more', { conversationId: 'c', topic: 'threat.drugs' }).topic).toBe('threat.drugs');
  });

  it('answers a topic the platform names outright (a "Did you mean" button, a topic menu)', () => {
    const bot = assistant();
    expect(bot.ask('', { topic: 'threat.trafficking' })).toMatchObject({ intent: 'threat.trafficking', followUp: null });
    expect(bot.ask('tell me about it', { conversationId: 'm', topic: 'solution.ilea' }).intent).toBe('solution.ilea');
    expect(bot.ask('tell me more', { conversationId: 'm' }).topic).toBe('solution.ilea');
  });

  it('forgets a conversation after ten idle minutes', () => {
    let now = 0;
    const bot = assistant({ now: () => now });
    bot.ask('ransomware', { conversationId: 'c' });
    now += 9 * 60_000;
    expect(bot.ask('tell me more', { conversationId: 'c' }).intent).toBe('threat.ransomware');
    now += 10 * 60_000 + 1;
    expect(bot.ask('tell me more', { conversationId: 'c' }).intent).toBe('fallback');
  });
});

describe('the conversation store', () => {
  it('is bounded: the least recently used conversation goes first', () => {
    const store = new ConversationStore({ maxConversations: 2 });
    store.set('a', { topic: 'threat.drugs' });
    store.set('b', { topic: 'threat.fraud' });
    store.get('a');
    store.set('a', { topic: 'threat.drugs' });
    store.set('c', { topic: 'solution.inl' });
    expect(store.size).toBe(2);
    expect(store.get('b')).toBeUndefined();
    expect(store.get('a')?.topic).toBe('threat.drugs');
  });
});
