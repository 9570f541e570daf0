import { describe, expect, it } from 'vitest';
import { MemoryConversationStore } from '../../src/core/conversation/store.js';
import { assistant, TestConversation } from '../support/assistant.js';

describe('a conversation', () => {
  it('follows a threat with more detail, its source and its solutions', async () => {
    const chat = new TestConversation(assistant());
    expect((await chat.say('what does the report say about ransomware')).intent).toBe('threat.ransomware');

    const more = await chat.say('tell me more');
    expect(more).toMatchObject({ intent: 'threat.ransomware', followUp: 'more', topic: 'threat.ransomware' });
    expect(more.text.length).toBeGreaterThan(chat.transcript[0]?.answer.text.length ?? 0);

    const source = await chat.say('source?');
    expect(source.followUp).toBe('source');
    expect(source.text).toContain('Transnational organized criminals involved in ransomware operations');
    expect(source.citations[0]?.reference).toMatch(/quoted in 1787/i);

    const solutions = await chat.say('what should we do about it?');
    expect(solutions.followUp).toBe('solutions');
    expect(solutions.related.length).toBeGreaterThan(0);
    expect(solutions.related.every((r) => r.intent.startsWith('solution.'))).toBe(true);
    expect(solutions.citations.every((c) => c.sourceId === '1787-transnational-crime')).toBe(true);
    // 1787's words, once each: not "Support the ILEA: Support the ILEA."
    const ilea = await assistant().followUp('solutions', 'threat.instability');
    const line = ilea.text.split('\n').find((l) => l.includes('International Law Enforcement Academy'));
    expect(line).toBe('- “Support the International Law Enforcement Academy (ILEA).”');
  });

  it("reads the list of all the solutions, asked after a threat, as that threat's solutions", async () => {
    const chat = new TestConversation(assistant());
    await chat.say('what does the ATA say about fentanyl');
    expect(await chat.say('solutions?')).toMatchObject({ intent: 'threat.drugs', followUp: 'solutions' });
    // After the overall threat, the list of all ten is what bears on it: that list's own topic.
    const overall = new TestConversation(assistant());
    await overall.say('what threats do TCOs pose');
    expect(await overall.say('what does 1787 propose')).toMatchObject({ intent: 'solution.overview' });
    // With nothing before, the list of all ten.
    expect(await assistant().ask('solutions?')).toMatchObject({
      intent: 'solution.overview',
      followUp: null,
    });
    // Named by a name of its own, the list of ten is the list of ten, whatever came before.
    const named = new TestConversation(assistant());
    await named.say('what does the ATA say about fentanyl');
    expect(await named.say('what about the full solutions list')).toMatchObject({
      intent: 'solution.overview',
    });
  });

  it('reads a question that can only be about the conversation as about it, however faintly it asks', async () => {
    const chat = new TestConversation(assistant());
    await chat.say('what does the ATA say about human trafficking');
    const more = await chat.say('anything else about that you could share');
    expect(more).toMatchObject({ intent: 'threat.trafficking', followUp: 'more' });
    expect(more.trace.decidedBy).toBe('continuation');
    // Something else entirely is still declined, conversation or not.
    expect((await chat.say('and the price of bitcoin?')).kind).toBe('decline');
  });

  it("follows up on a topic the question names by name, not the conversation's", async () => {
    const chat = new TestConversation(assistant());
    await chat.say('what does the ATA say about human trafficking');
    const fraud = await chat.say('and the money laundering threat, what would 1787 do about it?');
    expect(fraud).toMatchObject({ intent: 'threat.fraud', followUp: 'solutions' });
    expect(fraud.trace.reason).toMatch(/which it names/);
    const why = await chat.say("whats the mexico one's rationale, threat-wise");
    expect(why).toMatchObject({ intent: 'solution.mexico', followUp: 'threats' });
    // Naming nothing, it is the conversation's topic again.
    expect(await chat.say('source?')).toMatchObject({ intent: 'solution.mexico', followUp: 'source' });
  });

  it('reads a citation style named alone, one it writes or not, as asking for the source', async () => {
    const chat = new TestConversation(assistant());
    await chat.say('what does the report say about instability');
    const cite = await chat.say('turabian format?');
    expect(cite).toMatchObject({ intent: 'threat.instability', followUp: 'source' });
    expect(cite.text).toMatch(/I don't write turabian references/);
  });

  it("reads a sure follow-up as one, whatever words of the asker's own it carries", async () => {
    const chat = new TestConversation(assistant());
    await chat.say('what does 1787 say about the mexico partnership');
    const more = await chat.say(
      'can you expand on that with some of the background? i heard about earlier frameworks',
    );
    expect(more).toMatchObject({ intent: 'solution.mexico', followUp: 'more' });
    // A subject no topic knows is still declined: words of a subject, not of the asker.
    expect((await chat.say('cite the fifa corruption scandal')).kind).toBe('decline');
  });

  it('answers a question after a date, place or founder with the background facts', async () => {
    const bot = assistant();
    const founded = await bot.ask('when was INL founded');
    expect(founded).toMatchObject({ intent: 'solution.inl', followUp: 'more' });
    expect(founded.text).toContain('1978');
    expect((await bot.ask('where are the ILEA academies')).text).toContain('Budapest');
    expect((await bot.ask('what is INL')).followUp).toBeNull();
  });

  it('follows a solution with the threats it answers', async () => {
    const chat = new TestConversation(assistant());
    expect((await chat.say('what does 1787 say about ILEA')).intent).toBe('solution.ilea');
    const why = await chat.say('why does that matter?');
    expect(why.followUp).toBe('threats');
    expect(why.related.length).toBeGreaterThan(0);
    expect(why.related.every((r) => r.intent.startsWith('threat.'))).toBe(true);
  });

  it('answers "cite that" with the last answer\'s citation, and a named topic with its own', async () => {
    const chat = new TestConversation(assistant());
    await chat.say('money laundering');
    expect(await chat.say('cite that')).toMatchObject({ intent: 'threat.fraud', followUp: 'source' });
    expect(await chat.say('tell me more about INL')).toMatchObject({
      intent: 'solution.inl',
      followUp: 'more',
    });
  });

  it('honours a citation style asked for in conversation', async () => {
    const chat = new TestConversation(assistant());
    await chat.say('fentanyl');
    const apa = await chat.say('cite that in apa');
    expect(apa).toMatchObject({ intent: 'threat.drugs', followUp: 'source', style: 'apa' });
    expect(apa.citations[0]?.reference).toContain('(n.d.)');
  });

  it('applies the same limits to a follow-up: no figures, nothing mostly off topic', async () => {
    const chat = new TestConversation(assistant());
    await chat.say('fentanyl');
    expect(await chat.say('how many?')).toMatchObject({ kind: 'decline', intent: 'fallback' });
    expect((await chat.say('tell me more')).topic).toBe('threat.drugs');
    expect((await chat.say('cite the fifa corruption scandal')).intent).toBe('fallback');
  });

  it('asks "about what?" for a follow-up with nothing before it', async () => {
    const bot = assistant();
    const cold = await bot.ask('tell me more', { conversationId: 'fresh' });
    expect(cold).toMatchObject({ kind: 'clarify', intent: 'fallback', confidence: null });
    expect(cold.text).toContain('About what? Ask me about a topic first');
    expect((await bot.ask('source?')).kind).toBe('clarify');
  });

  it('answers "what can you do" with help, fresh and after any topic', async () => {
    const bot = assistant();
    expect((await bot.ask('what can you do')).intent).toBe('bot.help');
    for (const topic of ['fentanyl', 'what does 1787 say about ILEA', 'who is 1787']) {
      const chat = new TestConversation(bot, `after ${topic}`);
      await chat.say(topic);
      expect((await chat.say('what can you do')).intent, topic).toBe('bot.help');
    }
  });

  it('keeps conversations apart', async () => {
    const bot = assistant();
    await bot.ask('ransomware', { conversationId: 'alice' });
    await bot.ask('corruption', { conversationId: 'bob' });
    expect((await bot.ask('tell me more', { conversationId: 'alice' })).topic).toBe('threat.ransomware');
    expect((await bot.ask('tell me more', { conversationId: 'bob' })).topic).toBe('solution.corruption');
  });

  it('continues the topic a button carries, whatever the conversation did since', async () => {
    const chat = new TestConversation(assistant());
    await chat.say('ransomware');
    await chat.say('corruption');
    const more = await assistant().followUp('more', 'threat.ransomware', { conversationId: 'c' });
    expect(more).toMatchObject({ topic: 'threat.ransomware', followUp: 'more', kind: 'answer' });
    expect(more.trace.decidedBy).toBe('platform');
  });

  it('presses the buttons an answer carries', async () => {
    const chat = new TestConversation(assistant());
    const answer = await chat.say('what does the report say about ransomware');
    expect(answer.actions.map((a) => a.label)).toEqual([
      'Tell me more',
      'Sources',
      'Related solutions',
      'Bibliography',
    ]);
    expect((await chat.press('Related solutions')).followUp).toBe('solutions');
    // The topic a button opened is the conversation's now.
    expect((await chat.say('tell me more')).topic).toBe('threat.ransomware');
    // The conversation's bibliography, pressed: what it cited so far, and the topic kept.
    const listed = await chat.press('Bibliography');
    expect(listed.kind).toBe('bibliography');
    expect(listed.references.map((r) => r.sourceId)).toContain('odni-ata-2024');
    expect((await chat.say('source?')).topic).toBe('threat.ransomware');
  });

  it('answers a topic the platform names outright (a "Did you mean" button, a topic menu)', async () => {
    const bot = assistant();
    const shown = await bot.showTopic('threat.trafficking', { conversationId: 'm' });
    expect(shown).toMatchObject({ intent: 'threat.trafficking', followUp: null });
    expect((await bot.ask('tell me more', { conversationId: 'm' })).topic).toBe('threat.trafficking');
  });

  it('starts a conversation on a topic answered elsewhere (a shared answer) without answering again', async () => {
    const bot = assistant();
    await bot.remember('solution.ilea', { conversationId: 'shared-thread' });
    expect((await bot.ask('why does that matter?', { conversationId: 'shared-thread' })).followUp).toBe(
      'threats',
    );
  });

  it('forgets a conversation after ten idle minutes', async () => {
    let now = 0;
    const bot = assistant({ now: () => now });
    await bot.ask('ransomware', { conversationId: 'c' });
    now += 9 * 60_000;
    expect((await bot.ask('tell me more', { conversationId: 'c' })).intent).toBe('threat.ransomware');
    now += 10 * 60_000 + 1;
    expect((await bot.ask('tell me more', { conversationId: 'c' })).kind).toBe('clarify');
  });
});

describe('the conversation store', () => {
  it('is a true LRU: reading a conversation keeps it, the least recently used goes first', () => {
    const store = new MemoryConversationStore({ maxConversations: 2 });
    store.setNow('a', { topic: 'threat.drugs' });
    store.setNow('b', { topic: 'threat.fraud' });
    expect(store.getNow('a')?.topic).toBe('threat.drugs');
    store.setNow('c', { topic: 'solution.inl' });
    expect(store.size).toBe(2);
    expect(store.getNow('b')).toBeUndefined();
    expect(store.getNow('a')?.topic).toBe('threat.drugs');
  });

  it('refreshes the idle time when read', () => {
    let now = 0;
    const store = new MemoryConversationStore({ ttlMs: 1000, now: () => now });
    store.setNow('a', { topic: 'threat.drugs' });
    now = 900;
    expect(store.getNow('a')).toBeDefined();
    now = 1800;
    expect(store.getNow('a')).toBeDefined();
    now = 2801;
    expect(store.getNow('a')).toBeUndefined();
  });
});
