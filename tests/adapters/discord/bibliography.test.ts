import { Cite } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import '@citation-js/plugin-ris';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LABELS, type PolicyAssistant } from '../../../src/core/index.js';
import { assistant as realAssistant } from '../../support/assistant.js';
import { CHANNEL_ID, commandInteraction, componentInteraction } from './fake-discord.js';
import { type Callback, type DiscordStandIn, startDiscord } from './stand-in.js';

// The bibliography button under answers, end to end: real discord.js on the fake gateway and REST
// API, and the signed HTTP endpoint. Pressed, it answers privately with the presser's conversation
// here (this channel, them), every source once, and its files (.bib, .ris, .json, .txt) attached.
let discord: DiscordStandIn;
let real: PolicyAssistant;

beforeAll(async () => {
  real = realAssistant();
  discord = await startDiscord(real);
});

afterAll(async () => {
  await discord?.close();
});

const ids = (body: Callback): string[] =>
  (body.data.components ?? []).flatMap((r) => r.components.map((c) => c.custom_id));

type Item = { title?: string; URL?: string; issued?: unknown };

/** The items of each file, as a reference manager reads them. */
function parsed(files: Record<string, string>): Record<'bib' | 'ris' | 'json', Item[]> {
  const named = (ext: string) => Object.entries(files).find(([name]) => name.endsWith(`.${ext}`))?.[1] ?? '';
  return {
    bib: new Cite(named('bib')).data as Item[],
    ris: new Cite(named('ris')).data as Item[],
    json: JSON.parse(named('json')) as Item[],
  };
}

describe('the bibliography button on Discord', () => {
  it('answers with the conversation’s sources and its files, each parsed back field for field', async () => {
    const userId = '666666666666666801';
    let last: Callback | undefined;
    for (const question of ['fentanyl', 'what does the report say about ransomware', 'human trafficking']) {
      last = await discord.overGateway(
        commandInteraction('ask', [{ name: 'question', type: 3, value: question }], { userId }),
      );
    }
    expect(ids(last as Callback)).toContain('pb:bib:x');
    const pressed = await discord.overGateway(componentInteraction('pb:bib:x', { userId }));
    expect(pressed.data.flags).toBe(64);
    // What the core gives for that conversation: the adapter's key for this person in this channel.
    const expected = await real.showBibliography({
      platform: 'discord',
      conversationId: `discord:${CHANNEL_ID}:${userId}`,
    });
    expect(expected.kind).toBe('bibliography');
    expect(expected.references.length).toBeGreaterThanOrEqual(2);
    const names = (expected.files ?? []).map((f) => f.name);
    expect(names.map((n) => n.slice(n.lastIndexOf('.'))).sort()).toEqual(['.bib', '.json', '.ris', '.txt']);
    // Attached, named in the message, each whole.
    expect(Object.keys(pressed.files).sort()).toEqual([...names].sort());
    expect((pressed.data.attachments ?? []).map((a) => a.filename).sort()).toEqual([...names].sort());
    expect(pressed.data.content).toContain(LABELS.filesAttached(names));
    for (const f of expected.files ?? []) expect(pressed.files[f.name]).toBe(f.content);
    // Every reference of the list is shown whole, in a code block.
    const shown = JSON.stringify(pressed.data.embeds);
    for (const r of expected.references) expect(shown).toContain(JSON.stringify(r.entry).slice(1, -1));
    // The three record files hold the same sources, field for field.
    const { bib, ris, json } = parsed(pressed.files);
    expect(json.length).toBeGreaterThanOrEqual(expected.references.length);
    // (BibTeX carries the title as published, CSL-JSON in sentence case: compared as words.)
    const words = (t: string | undefined) => (t ?? '').toLowerCase();
    for (const items of [bib, ris]) {
      expect(items.map((i) => i.URL).sort()).toEqual(json.map((i) => i.URL).sort());
      for (const item of items) {
        const same = json.find((j) => j.URL === item.URL);
        expect(words(item.title), item.URL).toBe(words(same?.title));
        expect(item.issued, item.title).toEqual(same?.issued);
      }
    }
    // Its exports are the files: no button for them; Share posts the list for everyone.
    expect(ids(pressed).some((id) => id.startsWith('pb:share:'))).toBe(true);
  });

  it('is the presser’s own conversation: someone else who cited nothing is told so, with no files', async () => {
    const other = await discord.overGateway(
      componentInteraction('pb:bib:x', { userId: '666666666666666802' }),
    );
    expect(other.data.flags).toBe(64);
    expect(other.files).toEqual({});
    expect(other.data.content ?? '').toBe('');
    const empty = await real.showBibliography({
      platform: 'discord',
      conversationId: `discord:${CHANNEL_ID}:666666666666666802`,
    });
    expect(empty.notes.map((n) => n.code)).toContain('nothing-cited');
    expect(other.data.embeds?.[0]?.title).toBe(empty.title);
  });

  it('over the HTTP endpoint, the files come with the edit of a deferred reply', async () => {
    const userId = '666666666666666803';
    await discord.overHttp(
      commandInteraction('ask', [{ name: 'question', type: 3, value: 'fentanyl' }], { userId }),
    );
    const pressed = await discord.overHttp(componentInteraction('pb:bib:x', { userId }));
    const names = Object.keys(pressed.files);
    expect(names.length).toBeGreaterThanOrEqual(3);
    const { bib, json } = parsed(pressed.files);
    expect(bib.length).toBe(json.length);
  });
});
