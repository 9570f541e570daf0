import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type WebSocket, WebSocketServer } from 'ws';
import { slackAdapter } from '../../../src/adapters/slack/index.js';
import { HttpRoutes } from '../../../src/runtime/http.js';
import { silentLogger } from '../../../src/runtime/logger.js';
import { blockText, buttons, headerOf } from './blocks.js';
import { BOT_USER_ID, buttonClick, eventEnvelope, FakeSlack, slashCommand, ts } from './fake-slack.js';
import { APP_TOKEN, BOT_TOKEN, type RunningSlack, realAssistant, startSlack } from './setup.js';

/**
 * Socket Mode against a local WebSocket server standing in for Slack: the adapter asks the fake Web
 * API for a link (apps.connections.open), is greeted with hello, receives envelopes and acks them.
 */
interface Ack {
  envelope_id: string;
  payload?: { response_type?: string; text?: string; blocks?: unknown[] };
}

let wss: WebSocketServer;
let link: WebSocket | undefined;
const acks: Ack[] = [];
let slack: RunningSlack;

beforeAll(async () => {
  wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  wss.on('connection', (socket) => {
    link = socket;
    socket.on('message', (data) => acks.push(JSON.parse(String(data)) as Ack));
    socket.send(JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A0001' } }));
  });
  const wsUrl = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/link/?ticket=t1`;
  slack = await startSlack(
    await realAssistant(),
    { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_APP_TOKEN: APP_TOKEN },
    (fake) => {
      fake.socketUrl = wsUrl;
    },
  );
});

afterAll(async () => {
  await slack?.close();
  for (const client of wss?.clients ?? []) client.terminate();
  await new Promise<void>((resolve) => (wss ? wss.close(() => resolve()) : resolve()));
});

function send(envelope: Record<string, unknown>): void {
  if (!link) throw new Error('the adapter is not connected');
  link.send(JSON.stringify(envelope));
}

async function ackFor(envelopeId: string, timeoutMs = 5000): Promise<Ack> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ack = acks.find((a) => a.envelope_id === envelopeId);
    if (ack) return ack;
    if (Date.now() > deadline) throw new Error(`no ack for ${envelopeId}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('Slack in Socket Mode', () => {
  it('opens its link with the app token through the Web API base, and serves no HTTP path', () => {
    const open = slack.fake.callsTo('/api/apps.connections.open');
    expect(open).toHaveLength(1);
    expect(open[0]?.authorization).toBe(`Bearer ${APP_TOKEN}`);
    expect(slack.http.size).toBe(0);
    expect(slack.platform.isReady()).toBe(true);
  });

  it('acks an events_api envelope and answers the mention in its thread', async () => {
    const root = ts();
    const before = slack.fake.posts().length;
    send({
      envelope_id: 'env-event-1',
      type: 'events_api',
      accepts_response_payload: false,
      retry_attempt: 0,
      retry_reason: '',
      payload: eventEnvelope({
        type: 'app_mention',
        user: 'U0001',
        text: `<@${BOT_USER_ID}> what does the report say about ransomware?`,
        ts: root,
        channel: 'C0001',
      }),
    });
    expect(await ackFor('env-event-1')).toEqual({ envelope_id: 'env-event-1', payload: {} });
    const [post] = (await slack.fake.waitFor('/api/chat.postMessage', before + 1)).slice(before);
    expect(post?.authorization).toBe(`Bearer ${BOT_TOKEN}`);
    expect(post?.body.thread_ts).toBe(root);
    expect(headerOf(post?.body.blocks)).toBe('Ransomware');
  });

  it('answers a slash_commands envelope in its ack, ephemerally, with the citation', async () => {
    send({
      envelope_id: 'env-command-1',
      type: 'slash_commands',
      accepts_response_payload: true,
      payload: slashCommand('cite ransomware', slack.fake.responseUrl('socket')),
    });
    const ack = await ackFor('env-command-1');
    expect(ack.payload?.response_type).toBe('ephemeral');
    const text = blockText(ack.payload?.blocks);
    expect(text).toContain('Cite: Ransomware');
    expect(text).toContain('Office of the Director of National Intelligence, “Annual Threat Assessment');
  });

  it('acks an interactive envelope and shares an ephemeral answer in the channel', async () => {
    send({
      envelope_id: 'env-command-2',
      type: 'slash_commands',
      accepts_response_payload: true,
      payload: slashCommand('fraud and money laundering', slack.fake.responseUrl('socket2')),
    });
    const share = buttons((await ackFor('env-command-2')).payload?.blocks).find(
      (b) => b.text.text === 'Share in channel',
    );
    if (!share) throw new Error('no share button');
    const before = slack.fake.posts().length;
    send({
      envelope_id: 'env-click-1',
      type: 'interactive',
      accepts_response_payload: false,
      payload: buttonClick(share, {
        channel: 'C0001',
        messageTs: ts(),
        ephemeral: true,
        responseUrl: slack.fake.responseUrl('socket2'),
      }),
    });
    expect((await ackFor('env-click-1')).envelope_id).toBe('env-click-1');
    const [post] = (await slack.fake.waitFor('/api/chat.postMessage', before + 1)).slice(before);
    expect(post?.body.channel).toBe('C0001');
    expect(headerOf(post?.body.blocks)).toBe('Fraud and money laundering');
  });

  it('stops: the link closes and the platform is no longer ready', async () => {
    const closed = new Promise<void>((resolve) => link?.once('close', () => resolve()));
    await slack.platform.stop();
    await closed;
    expect(slack.platform.isReady()).toBe(false);
  });
});

describe('Socket Mode start-up', () => {
  it('fails with a ConfigError when Slack refuses the app-level token, without echoing it', async () => {
    const fake = await new FakeSlack().start();
    try {
      fake.failures.set('apps.connections.open', 'invalid_auth');
      const env = { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_APP_TOKEN: APP_TOKEN, SLACK_API_URL: fake.apiUrl };
      const started = slackAdapter.start({
        assistant: await realAssistant(),
        env,
        http: new HttpRoutes(),
        logger: silentLogger,
      });
      await expect(started).rejects.toThrow(/^Slack did not accept SLACK_APP_TOKEN: .*invalid_auth/);
      await expect(started).rejects.not.toThrow(APP_TOKEN);
    } finally {
      await fake.close();
    }
  });
});
