import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandInteraction, snowflake } from '../adapters/discord/payloads.js';
import { type Endpoints, startEndpoints } from '../adapters/endpoints.js';
import { eventEnvelope, sendToBot, slashCommand } from '../adapters/slack/fake-slack.js';
import { realAssistant, SIGNING_SECRET } from '../adapters/slack/setup.js';

// Real Bolt and the real Discord endpoint on 127.0.0.1: every malformed body gets a 4xx at once,
// nothing crashes, and the next good request is answered.
let endpoints: Endpoints;

beforeAll(async () => {
  endpoints = await startEndpoints(await realAssistant());
});

afterAll(async () => {
  await endpoints?.close();
});

const json = 'application/json' as const;
const form = 'application/x-www-form-urlencoded' as const;
const signed = (body: string, type: typeof json | typeof form) =>
  sendToBot(endpoints.slack.eventsUrl, body, type, { secret: SIGNING_SECRET });

async function slackCommandWorks(): Promise<void> {
  const res = await signed(
    new URLSearchParams(slashCommand('ransomware', endpoints.slack.fake.responseUrl('ok'))).toString(),
    form,
  );
  expect(res.status).toBe(200);
  expect(JSON.stringify(await res.json())).toContain('Ransomware');
}

describe('malformed Slack requests', () => {
  const cases: [string, string, typeof json | typeof form][] = [
    ['bad JSON', '{"type": "event_callback", ', json],
    ['a JSON array', '[1, 2, 3]', json],
    ['JSON null', 'null', json],
    [
      'an event envelope without its event',
      JSON.stringify({ type: 'event_callback', event_id: 'Ev1' }),
      json,
    ],
    [
      'an event of the wrong type',
      JSON.stringify(eventEnvelope({ type: 'app_mention', text: 42, channel: 'C1', ts: '1.2' })),
      json,
    ],
    ['a url_verification without its challenge', JSON.stringify({ type: 'url_verification' }), json],
    ['a form that is neither command nor payload', 'foo=bar', form],
    [
      'a slash command without its user',
      new URLSearchParams({ command: '/policy', text: 'hi', channel_id: 'C1', team_id: 'T1' }).toString(),
      form,
    ],
    [
      'a slash command with a repeated field',
      'command=%2Fpolicy&user_id=U1&user_id=U2&channel_id=C1&team_id=T1&text=x',
      form,
    ],
    ['an interaction payload that is not JSON', 'payload=%7Bnot-json', form],
    [
      'a button click without actions',
      `payload=${encodeURIComponent(JSON.stringify({ type: 'block_actions', user: { id: 'U1' } }))}`,
      form,
    ],
    [
      'a button click with a numeric value',
      `payload=${encodeURIComponent(JSON.stringify({ type: 'block_actions', user: { id: 'U1' }, actions: [{ action_id: 'a', value: 3 }] }))}`,
      form,
    ],
  ];

  it.each(cases)('%s gets a 400, at once', async (_name, body, type) => {
    const started = Date.now();
    const res = await signed(body, type);
    expect(res.status).toBe(400);
    expect(Date.now() - started).toBeLessThan(1000);
    await slackCommandWorks();
  });

  it('an unsigned malformed body gets a 401, saying nothing about its shape', async () => {
    const res = await sendToBot(endpoints.slack.eventsUrl, '{"type": 1}', json, {
      secret: SIGNING_SECRET,
      signature: 'v0=00',
    });
    expect(res.status).toBe(401);
    expect(await res.text()).not.toContain('type');
  });

  it('an oversized body gets a 413', async () => {
    const res = await signed(
      JSON.stringify({ type: 'event_callback', pad: 'x'.repeat(2 * 1024 * 1024) }),
      json,
    );
    expect(res.status).toBe(413);
    await slackCommandWorks();
  });
});

describe('malformed Discord interactions', () => {
  const post = (body: string) => endpoints.toDiscord(body);
  const good = commandInteraction('ask', [{ name: 'question', type: 3, value: 'ransomware' }]);
  const without = (field: string, from: Record<string, unknown> = good) => {
    const copy = structuredClone(from);
    delete copy[field];
    return copy;
  };

  const cases: [string, string][] = [
    ['bad JSON', '{"type": 2,'],
    ['JSON null', 'null'],
    ['a JSON string', '"hello"'],
    ['no type', JSON.stringify(without('type'))],
    ['a type that is a string', JSON.stringify({ ...good, type: '2' })],
    ['no application_id', JSON.stringify(without('application_id'))],
    ['a command without data', JSON.stringify(without('data'))],
    ['a command whose name is a number', JSON.stringify({ ...good, data: { name: 7, type: 1 } })],
    [
      'options that are not a list',
      JSON.stringify({ ...good, data: { name: 'ask', type: 1, options: 'x' } }),
    ],
    ['a user whose id is a number', JSON.stringify({ ...good, member: { user: { id: 5 } } })],
    [
      'a button without custom_id',
      JSON.stringify({ ...good, type: 3, data: { component_type: 2 }, message: {} }),
    ],
    [
      'a button without its message',
      JSON.stringify({ ...good, type: 3, data: { custom_id: 'x', component_type: 2 } }),
    ],
  ];

  it.each(cases)('%s gets a 400', async (_name, body) => {
    const res = await post(body);
    expect(res.status).toBe(400);
    // A fresh interaction id: each id is answered once.
    const next = await post(JSON.stringify({ ...good, id: snowflake() }));
    expect(next.status).toBe(200);
    expect(JSON.stringify(await next.json())).toContain('Ransomware');
  });
});
