import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadOpsConfig } from '../../src/config/ops.js';
import { type Instance, startInstance } from '../../src/ops/instance.js';
import { APP_ID, commandInteraction } from '../adapters/discord/payloads.js';
import { discordHeaders, discordKeys, memoryLog } from './support.js';

// POLICYBOT_METRICS_ADDRESS: /metrics on a listener of its own, as Prometheus exporters do, so the
// port that takes the platforms' webhooks need not expose it.
const keys = discordKeys();
const log = memoryLog();
let instance: Instance;

beforeAll(async () => {
  instance = await startInstance({
    env: {
      DISCORD_PUBLIC_KEY: keys.publicKeyHex,
      DISCORD_APPLICATION_ID: APP_ID,
      PORT: '0',
      HOST: '127.0.0.1',
      POLICYBOT_METRICS_ADDRESS: '127.0.0.1:0',
      POLICYBOT_NO_CACHE: '1',
      POLICYBOT_UNANSWERED_LOG: 'off',
      POLICYBOT_USER_HASH_KEY: 'a test key of sixteen+ characters',
    },
    logStream: log.stream,
  });
});

afterAll(async () => {
  await instance?.stop('test over');
});

describe('metrics on an address of their own', () => {
  it('serves /metrics there, and not on the webhook port, where health and webhooks stay', async () => {
    const web = `http://127.0.0.1:${instance.port}`;
    expect(instance.metricsPort).toBeTypeOf('number');
    expect(instance.metricsPort).not.toBe(instance.port);
    const metrics = `http://127.0.0.1:${instance.metricsPort}`;

    const body = JSON.stringify(
      commandInteraction('ask', [{ name: 'question', type: 3, value: 'ransomware' }]),
    );
    const asked = await fetch(`${web}/discord/interactions`, {
      method: 'POST',
      headers: discordHeaders(keys.privateKey, body),
      body,
    });
    expect(asked.status).toBe(200);

    expect((await fetch(`${web}/metrics`)).status).toBe(404);
    expect((await fetch(`${web}/healthz`)).status).toBe(200);
    expect((await fetch(`${web}/readyz`)).status).toBe(200);
    const scraped = await fetch(`${metrics}/metrics`);
    expect(scraped.status).toBe(200);
    expect(scraped.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(await scraped.text()).toContain(
      'policybot_questions_total{platform="discord",intent="threat.ransomware"} 1',
    );
    // The metrics listener serves nothing else.
    expect((await fetch(`${metrics}/discord/interactions`, { method: 'POST', body })).status).toBe(404);
    expect(log.lines().some((l) => l.msg === 'metrics listening' && l.port === instance.metricsPort)).toBe(
      true,
    );
  });
});

describe('POLICYBOT_METRICS_ADDRESS', () => {
  it('takes a port or host:port, as Prometheus exporters do', () => {
    const address = (value: string) => loadOpsConfig({ POLICYBOT_METRICS_ADDRESS: value }).metricsAddress;
    expect(address('9464')).toEqual({ host: undefined, port: 9464 });
    expect(address(':9464')).toEqual({ host: undefined, port: 9464 });
    expect(address('127.0.0.1:9464')).toEqual({ host: '127.0.0.1', port: 9464 });
    expect(address('[::1]:9464')).toEqual({ host: '::1', port: 9464 });
    expect(address('metrics.internal:9464')).toEqual({ host: 'metrics.internal', port: 9464 });
    expect(loadOpsConfig({ POLICYBOT_METRICS_ADDRESS: '' }).metricsAddress).toBeUndefined();
    expect(loadOpsConfig({}).metricsAddress).toBeUndefined();
  });

  it('names a wrong value, never echoing it, and refuses the webhook port itself', async () => {
    for (const wrong of ['http://x:9464', '127.0.0.1', '99999', 'a b:1']) {
      expect(() => loadOpsConfig({ POLICYBOT_METRICS_ADDRESS: wrong })).toThrow(
        /POLICYBOT_METRICS_ADDRESS: must be/,
      );
    }
    expect(() => loadOpsConfig({ POLICYBOT_METRICS_ADDRESS: 'secret-host' })).not.toThrow(/secret-host/);
    await expect(
      startInstance({
        env: { PORT: '3999', POLICYBOT_METRICS_ADDRESS: ':3999', POLICYBOT_NO_CACHE: '1' },
        logStream: memoryLog().stream,
      }),
    ).rejects.toThrow(/POLICYBOT_METRICS_ADDRESS: must be another port than PORT/);
  });
});
