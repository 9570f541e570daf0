import { describe, expect, it } from 'vitest';
import { MemoryStateStore } from '../../src/state/memory/store.js';
import { preferenceStore } from '../../src/state/preferences.js';
import { RECENT_MAX, recentAnswers } from '../../src/state/recent.js';

// Each person's choices and last answers, as every surface reads them from the state store.
describe('per-person preferences', () => {
  it('keeps a style per person, merges changes, and reads a record it cannot trust as none', async () => {
    const state = new MemoryStateStore();
    const prefs = preferenceStore(state);
    expect(await prefs.get('slack:T1:U1')).toEqual({});
    await prefs.set('slack:T1:U1', { style: 'apa' });
    await prefs.set('slack:T1:U1', {});
    expect(await prefs.get('slack:T1:U1')).toEqual({ style: 'apa' });
    expect(await prefs.get('slack:T1:U2')).toEqual({});
    // A record another version wrote, or garbage: the bot's defaults, never a crash.
    const raw = state.values('preferences', { ttlMs: 1000, max: 10 });
    await raw.put('discord:1', JSON.stringify({ style: 'harvard' }));
    await raw.put('discord:2', '{not json');
    expect(await prefs.get('discord:1')).toEqual({});
    expect(await prefs.get('discord:2')).toEqual({});
  });

  it('keeps the last answers newest first, at most five, the same answer once', async () => {
    const recent = recentAnswers(new MemoryStateStore());
    for (let i = 0; i < RECENT_MAX + 2; i++) {
      await recent.add('u', { title: `Topic ${i}`, topic: `threat.t${i}`, references: [`Ref ${i}`], at: i });
    }
    await recent.add('u', { title: 'Topic 3', topic: 'threat.t3', references: ['Ref 3 again'], at: 99 });
    const list = await recent.list('u');
    expect(list.map((a) => a.title)).toEqual(['Topic 3', 'Topic 6', 'Topic 5', 'Topic 4', 'Topic 2']);
    expect(list[0]?.references).toEqual(['Ref 3 again']);
    expect(await recent.list('someone else')).toEqual([]);
  });
});
