import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DISCORD_VARIABLES } from '../../../src/adapters/discord/config.js';
import { discordAdapter } from '../../../src/adapters/discord/index.js';
import type { RunningPlatform } from '../../../src/adapters/types.js';
import { createAssistant } from '../../../src/core/index.js';
import { loadKnowledgeBase } from '../../../src/knowledge/index.js';
import { HttpRoutes } from '../../../src/runtime/http.js';
import {
  autocompleteInteraction,
  commandInteraction,
  componentInteraction,
  type FakeGateway,
  type FakeRest,
  memoryLogger,
  startFakeGateway,
  startFakeRest,
} from './fake-discord.js';

const TOKEN = 'fake.bot-token.never-logged';

interface Embed {
  title?: string;
  description?: string;
  url?: string;
  fields?: { name: string; value: string }[];
  footer?: { text: string };
}
interface Callback {
  type: number;
  data: {
    content?: string;
    embeds?: Embed[];
    components?: { components: { custom_id: string; label?: string; options?: { value: string }[] }[] }[];
    allowed_mentions?: { parse: string[] };
    flags?: number;
    choices?: { name: string; value: string }[];
  };
}

let rest: FakeRest;
let gateway: FakeGateway;
let running: RunningPlatform;
const { lines, logger } = memoryLogger();

beforeAll(async () => {
  gateway = await startFakeGateway();
  rest = await startFakeRest({ gatewayUrl: gateway.url });
  const real = createAssistant(await loadKnowledgeBase({ root: process.cwd() }));
  // The real assistant, made slow on purpose for questions that say "slowly" (past the ~2 s deferral).
  const assistant = {
    ...real,
    ask: async (question: string, context?: Parameters<typeof real.ask>[1]) => {
      if (!question.startsWith('slowly: ')) return real.ask(question, context);
      await new Promise((resolve) => setTimeout(resolve, 2600));
      // The marker is the test's, not the asker's: the question itself is what follows it.
      return real.ask(question.slice('slowly: '.length), context);
    },
  };
  // Only this test's variables: nothing from the machine's environment leaks in.
  const env = Object.fromEntries(DISCORD_VARIABLES.map((name) => [name, undefined]));
  running = await discordAdapter.start({
    assistant,
    env: { ...env, DISCORD_TOKEN: TOKEN, DISCORD_API_URL: rest.url },
    http: new HttpRoutes(),
    logger,
  });
});

afterAll(async () => {
  await running?.stop();
  await gateway?.close();
  await rest?.close();
});

/** Sends an interaction over the gateway and returns the callback discord.js POSTs for it. */
async function roundTrip(
  payload: Record<string, unknown>,
): Promise<{ body: Callback; headers: Record<string, unknown> }> {
  gateway.dispatch('INTERACTION_CREATE', payload);
  const path = `/api/v10/interactions/${String(payload.id)}/${String(payload.token)}/callback`;
  const request = await rest.waitFor((r) => r.method === 'POST' && r.path === path);
  return { body: request.body as Callback, headers: request.headers };
}

const ask = (question: string, extra: object = {}, who?: { channelId?: string; userId?: string }) =>
  commandInteraction('ask', [{ name: 'question', type: 3, value: question }, ...Object.values(extra)], who);

const customIds = (body: Callback): string[] =>
  (body.data.components ?? []).flatMap((row) => row.components.map((c) => c.custom_id));

describe('Discord over the gateway (real discord.js, fake Discord)', () => {
  it('identifies with the token and becomes ready', async () => {
    const identify = await gateway.identified;
    expect(identify.token).toBe(TOKEN);
    expect(running.isReady()).toBe(true);
  });

  it('answers /ask with an embed carrying the answer, its quote and its reference', async () => {
    const { body, headers } = await roundTrip(ask('what does the report say about fentanyl?'));
    expect(body.type).toBe(4);
    expect(body.data.allowed_mentions).toEqual({ parse: [] });
    expect(body.data.flags ?? 0).toBe(0);
    expect(headers.authorization).toBeUndefined();
    const embed = body.data.embeds?.[0];
    expect(embed?.title).toBe('Illicit drugs and trafficking');
    expect(embed?.description).toContain('fentanyl');
    const quote = embed?.fields?.find((f) => f.name.startsWith('Quote'));
    expect(quote?.value).toContain('Western Hemisphere-based TCOs');
    // The references in an embed of their own, each whole in a code block.
    const sources = body.data.embeds?.[1];
    expect(sources?.title).toBe('Sources');
    expect(sources?.description).toContain(
      '```\nOffice of the Director of National Intelligence, “Annual Threat Assessment',
    );
    expect(embed?.footer?.text).toContain('February 5, 2024');
    expect(customIds(body)).toEqual([
      'pb:more:threat.drugs',
      'pb:source:threat.drugs',
      'pb:solutions:threat.drugs',
      // The core's bibliography action on a citing answer in a conversation.
      'pb:bib:x',
    ]);
  });

  it('answers privately (ephemeral) when private is set', async () => {
    const { body } = await roundTrip(ask('ransomware', { p: { name: 'private', type: 5, value: true } }));
    expect(body.data.flags).toBe(64);
    expect(body.data.embeds?.[0]?.title).toBe('Ransomware');
  });

  it('continues the conversation of a channel and user, and a button keeps its own topic', async () => {
    const who = { channelId: '555555555555555001', userId: '666666666666666001' };
    await roundTrip(ask('what does the report say about fentanyl?', {}, who));
    const more = await roundTrip(ask('tell me more', {}, who));
    expect(more.body.data.embeds?.[0]?.title).toBe('Illicit drugs and trafficking');
    expect(customIds(more.body)).not.toContain('pb:more:threat.drugs');

    // Someone else in the same channel has a conversation of their own.
    const other = await roundTrip(ask('tell me more', {}, { ...who, userId: '666666666666666002' }));
    expect(other.body.data.embeds?.[0]?.title).not.toBe('Illicit drugs and trafficking');

    // The conversation moves on to ransomware; the older message's button still means drugs.
    await roundTrip(ask('ransomware', {}, who));
    const press = await roundTrip(componentInteraction('pb:solutions:threat.drugs', who));
    expect(press.body.type).toBe(4);
    expect(press.body.data.allowed_mentions).toEqual({ parse: [] });
    const embed = press.body.data.embeds?.[0];
    expect(embed?.title).toBe('Illicit drugs and trafficking');
    expect(embed?.description).toContain("Of 1787's ten solutions, these bear on");
    expect(embed?.description).toContain('Partnership with Mexican law enforcement');
  });

  it('keeps a button answer as private as the message it was pressed on', async () => {
    const { body } = await roundTrip(
      componentInteraction('pb:source:threat.ransomware', { ephemeral: true }),
    );
    expect(body.data.flags).toBe(64);
    expect(body.data.embeds?.[0]?.description).toContain('Sources for **Ransomware**');
  });

  it('offers a decline\'s "Did you mean" topics as buttons that answer them', async () => {
    const { body } = await roundTrip(ask('what is the weather in mexico city'));
    expect(body.data.embeds?.[0]?.title).toBe('Outside what I can answer');
    const ids = customIds(body);
    expect(ids.length).toBeGreaterThan(0);
    expect(ids.every((id) => id.startsWith('pb:topic:'))).toBe(true);
    const pressed = await roundTrip(componentInteraction('pb:topic:threat.trafficking'));
    expect(pressed.body.data.embeds?.[0]?.title).toBe('Human trafficking');
  });

  it('ranks /cite autocomplete choices with the core matcher, within the limits', async () => {
    const typed = (value: string) =>
      autocompleteInteraction('cite', [{ name: 'topic', type: 3, value, focused: true }]);
    const { body } = await roundTrip(typed('fentanyl'));
    expect(body.type).toBe(8);
    expect(body.data.choices?.[0]).toEqual({ name: 'Illicit drugs and trafficking', value: 'threat.drugs' });

    const all = (await roundTrip(typed(''))).body.data.choices ?? [];
    expect(all.length).toBeGreaterThan(10);
    expect(all.length).toBeLessThanOrEqual(25);
    for (const c of all) {
      expect(c.name.length).toBeGreaterThan(0);
      expect(c.name.length).toBeLessThanOrEqual(100);
    }

    const short = (await roundTrip(typed('ra'))).body.data.choices ?? [];
    expect(short.map((c) => c.value)).toContain('threat.ransomware');
  });

  it('answers /cite with copy-ready quotes and references', async () => {
    const { body } = await roundTrip(
      commandInteraction('cite', [{ name: 'topic', type: 3, value: 'threat.drugs' }]),
    );
    const embed = body.data.embeds?.[0];
    expect(embed?.title).toBe('Illicit drugs and trafficking');
    const first = embed?.fields?.[0]?.value ?? '';
    expect(first.startsWith('```')).toBe(true);
    expect(first).toContain('“Western Hemisphere-based TCOs');
    expect(first).toContain(
      'https://www.dni.gov/files/ODNI/documents/assessments/ATA-2024-Unclassified-Report.pdf',
    );
    expect(body.data.allowed_mentions).toEqual({ parse: [] });
  });

  it('cites typed text (not a pick) only when it surely names a topic, otherwise lists the nearest', async () => {
    const cite = (value: string) =>
      roundTrip(commandInteraction('cite', [{ name: 'topic', type: 3, value }]));
    // One letter names nothing: no citation, whichever topic ranks first for it as you type.
    for (const typed of ['x', 'f']) {
      const { body } = await cite(typed);
      expect(body.data.embeds ?? []).toHaveLength(0);
      expect(body.data.content).toContain(`I have no topic called “${typed}”`);
      expect(body.data.content).not.toMatch(/Quotes and references/);
    }
    const near = (await cite('f')).body.data.content ?? '';
    expect(near).toMatch(/Did you mean \*\*/);
    // Words that do name a topic are cited, as a pick would be.
    const typed = await cite('ransomware');
    expect(typed.body.data.embeds?.[0]?.title).toBe('Ransomware');
    const named = await cite('the fentanyl bit');
    expect(named.body.data.embeds?.[0]?.title).toBe('Illicit drugs and trafficking');
  });

  it('lists /topics in menus and answers a pick', async () => {
    const { body } = await roundTrip(commandInteraction('topics', []));
    const menus = (body.data.components ?? []).map((row) => row.components[0]);
    expect(menus.map((m) => m?.custom_id)).toEqual(['pb:pick:threat', 'pb:pick:solution']);
    expect(menus[1]?.options?.map((o) => o.value)).toContain('solution.ilea');
    const pick = await roundTrip(componentInteraction('pb:pick:solution', { values: ['solution.ilea'] }));
    expect(pick.body.data.embeds?.[0]?.title).toBe(
      'Support the International Law Enforcement Academy (ILEA)',
    );
  });

  it('answers /help, and a stale button with a short notice', async () => {
    expect((await roundTrip(commandInteraction('help', []))).body.data.embeds?.[0]?.description).toContain(
      '/cite',
    );
    const stale = await roundTrip(componentInteraction('someone-else:button'));
    expect(stale.body.data.content).toContain('older version');
    expect(stale.body.data.flags).toBe(64);
  });

  it('defers an answer not ready within about 2 s, then edits the reply into the answer', async () => {
    const payload = ask('slowly: what does the report say about ransomware?');
    const { body } = await roundTrip(payload);
    expect(body).toEqual({ type: 5, data: {} });
    const edit = await rest.waitFor(
      (r) => r.method === 'PATCH' && r.path.includes(String(payload.token)),
      10_000,
    );
    expect(edit.path).toMatch(
      new RegExp(`^/api/v10/webhooks/\\d+/${String(payload.token)}/messages/(?:@|%40)original$`),
    );
    const edited = edit.body as Callback['data'];
    expect(edited.embeds?.[0]?.title).toBe('Ransomware');
    expect(edited.allowed_mentions).toEqual({ parse: [] });
    expect(customIds({ type: 4, data: edited })).toContain('pb:more:threat.ransomware');
  });

  it('replies through a 429 storm on the callback, waiting as Retry-After says, with no apology', async () => {
    const payload = ask('what does the report say about human trafficking?');
    const path = `/api/v10/interactions/${String(payload.id)}/${String(payload.token)}/callback`;
    rest.storm((r) => r.path === path, 2, 0.3);
    const { body } = await roundTrip(payload);
    expect(body.type).toBe(4);
    expect(body.data.embeds?.[0]?.title).toBe('Human trafficking');
    expect(rest.rateLimited.filter((r) => r.path === path)).toHaveLength(2);
    // One reply was delivered, and it was the answer: no apology followed it.
    expect(rest.requests.filter((r) => r.path === path)).toHaveLength(1);
  });

  it('never logs the token', () => {
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.join('\n')).not.toContain(TOKEN);
  });
});
