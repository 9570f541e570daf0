import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPIRED_SHARE } from '../../../src/adapters/discord/share.js';
import type { PolicyAssistant } from '../../../src/core/index.js';
import { assistant as realAssistant } from '../../support/assistant.js';
import { commandInteraction, componentInteraction } from './fake-discord.js';
import { type Callback, type DiscordStandIn, startDiscord } from './stand-in.js';

// "Share" on a private answer, end to end: real discord.js on the fake gateway and REST API, and
// the signed HTTP endpoint, as two replicas sharing one state store. The channel sees the answer
// that was given privately, as it was: its style, every quote, a decline as a decline.
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

/** Asks privately with /ask and returns the answer and its Share button's custom_id. */
async function askPrivately(question: string, style?: string) {
  const mine = await discord.overGateway(
    commandInteraction('ask', [
      { name: 'question', type: 3, value: question },
      ...(style === undefined ? [] : [{ name: 'style', type: 3, value: style }]),
      { name: 'private', type: 5, value: true },
    ]),
  );
  expect(mine.data.flags).toBe(64);
  const share = ids(mine).find((id) => id.startsWith('pb:share:'));
  if (share === undefined) throw new Error('no Share on a private answer');
  return { mine, share };
}

describe('Share on a private answer', () => {
  it('posts the answer as it was, for everyone: its style (APA), not the question asked again', async () => {
    const { mine, share } = await askPrivately('what does the report say about fentanyl?', 'apa');
    expect(share).toMatch(/^pb:share:[0-9a-f-]{8,64}$/);
    const shared = await discord.overGateway(componentInteraction(share, { ephemeral: true }));
    expect(shared.data.flags ?? 0).toBe(0);
    expect(shared.data.embeds).toEqual(mine.data.embeds);
    const apa = (await real.ask('what does the report say about fentanyl?', { style: 'apa' })).references;
    expect(JSON.stringify(shared.data.embeds)).toContain(apa[0]?.entry.slice(0, 40));
    // Shared once: no Share on the public copy.
    expect(ids(shared).some((id) => id.startsWith('pb:share:'))).toBe(false);
  });

  it("shares every quote of 1787's ten solutions, as the private answer shows them", async () => {
    const { mine, share } = await askPrivately("1787's ten solutions");
    const shared = await discord.overGateway(componentInteraction(share, { ephemeral: true }));
    expect(shared.data.embeds).toEqual(mine.data.embeds);
    const answer = await real.ask("1787's ten solutions");
    const shown = JSON.stringify(shared.data.embeds);
    for (const quote of answer.quotes)
      expect(shown).toContain(quote.text.slice(0, 30).replace(/[*_~`|[\]>#\\]/g, ''));
  });

  it('shares a question declined privately as too long as the same decline, not an answer', async () => {
    const question = `fentanyl ${'and more about fentanyl trafficking '.repeat(20)}`.trim();
    const declined = await real.ask(question);
    expect(declined.notes.map((n) => n.code)).toContain('too-long');
    const { mine, share } = await askPrivately(question);
    const shared = await discord.overGateway(componentInteraction(share, { ephemeral: true }));
    expect(shared.data.embeds?.[0]?.title).toBe(declined.title);
    expect(shared.data.embeds?.[0]?.title).not.toBe('Illicit drugs and trafficking');
    expect(shared.data.embeds).toEqual(mine.data.embeds);
  });

  it('a Share pressed on the other replica (the HTTP endpoint) finds the answer in the state store', async () => {
    const { mine, share } = await askPrivately('ransomware', 'mla');
    const shared = await discord.overHttp(componentInteraction(share, { ephemeral: true }));
    expect(shared.data.flags ?? 0).toBe(0);
    expect(shared.data.embeds).toEqual(mine.data.embeds);
  });

  it('a follow-up pressed on a private answer is private too, and can be shared as it was', async () => {
    const more = await discord.overGateway(
      componentInteraction('pb:source:threat.ransomware', { ephemeral: true }),
    );
    expect(more.data.flags).toBe(64);
    const share = ids(more).find((id) => id.startsWith('pb:share:'));
    if (share === undefined) throw new Error('no Share on a private follow-up');
    const shared = await discord.overGateway(componentInteraction(share, { ephemeral: true }));
    expect(shared.data.embeds).toEqual(more.data.embeds);
  });

  it('says plainly, to the person alone, when the answer is no longer kept, and asks nothing again', async () => {
    const gone = await discord.overGateway(
      componentInteraction('pb:share:00000000-0000-4000-8000-000000000000', { ephemeral: true }),
    );
    expect(gone.data.flags).toBe(64);
    expect(gone.data.content).toBe(EXPIRED_SHARE);
    expect(gone.data.embeds ?? []).toEqual([]);
    // A button from before answers were kept names a topic: stale, never re-asked.
    const old = await discord.overGateway(
      componentInteraction('pb:share:summary:threat.ransomware', { ephemeral: true }),
    );
    expect(old.data.flags).toBe(64);
    expect(old.data.embeds ?? []).toEqual([]);
  });

  it('a public answer has no Share', async () => {
    const open = await discord.overGateway(
      commandInteraction('ask', [{ name: 'question', type: 3, value: 'ransomware' }]),
    );
    expect(open.data.flags ?? 0).toBe(0);
    expect(ids(open).some((id) => id.startsWith('pb:share:'))).toBe(false);
  });
});
