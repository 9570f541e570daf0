import { afterAll, describe, expect, inject, it } from 'vitest';
import { type Instance, startInstance } from '../../src/ops/instance.js';
import { APP_ID } from '../adapters/discord/payloads.js';
import { discordKeys, memoryLog } from '../ops/support.js';
import { runBuiltCli } from '../support/cli.js';

// `policybot serve` as it runs: the page on PORT beside /healthz and the webhooks, unless
// POLICYBOT_WEB=off.
const started: Instance[] = [];

async function serve(extra: NodeJS.ProcessEnv): Promise<string> {
  const instance = await startInstance({
    env: {
      DISCORD_PUBLIC_KEY: discordKeys().publicKeyHex,
      DISCORD_APPLICATION_ID: APP_ID,
      PORT: '0',
      HOST: '127.0.0.1',
      POLICYBOT_CACHE_DIR: inject('modelCacheDir'),
      POLICYBOT_CITATION_STYLE: 'plain',
      POLICYBOT_UNANSWERED_LOG: 'off',
      POLICYBOT_LOG_LEVEL: 'silent',
      ...extra,
    },
    logStream: memoryLog().stream,
  });
  started.push(instance);
  return `http://127.0.0.1:${instance.port}`;
}

afterAll(async () => {
  await Promise.all(started.map((i) => i.stop('test over')));
});

describe('the page under serve', () => {
  it('is on PORT beside /healthz and the webhooks', async () => {
    const base = await serve({});
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const home = await fetch(`${base}/`);
    expect(home.status).toBe(200);
    expect(await home.text()).toContain('<label for="q">Search the topics</label>');
    const api = (await (await fetch(`${base}/api/topics?q=fent`)).json()) as { topics: { intent: string }[] };
    expect(api.topics[0]?.intent).toBe('threat.drugs');
    // The webhook keeps its own route: an unsigned request is refused by Discord's handler, not the page.
    expect((await fetch(`${base}/discord/interactions`, { method: 'POST', body: '{}' })).status).toBe(401);
  });

  it('POLICYBOT_WEB=off leaves only health, metrics and webhooks', async () => {
    const base = await serve({ POLICYBOT_WEB: 'off' });
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect((await fetch(`${base}/`)).status).toBe(404);
    expect((await fetch(`${base}/topic/threat.drugs`)).status).toBe(404);
  });

  it('a wrong value is named at start-up', async () => {
    await expect(serve({ POLICYBOT_WEB: 'maybe' })).rejects.toThrow('POLICYBOT_WEB: must be on or off');
  });
});

describe('policybot web', () => {
  it('refuses a port that is not one, with its usage', async () => {
    const run = await runBuiltCli(['web', '--port', '99999']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--port must be a port number (0-65535), not "99999"');
    expect(run.stderr).toContain('usage: policybot web [--port N | -p N]');
  });
});
