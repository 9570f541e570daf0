import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/program.js';
import { APP_ID, type FakeRest, GUILD_ID, startFakeRest } from './fake-discord.js';

const TOKEN = 'fake.register-token.secret';

let rest: FakeRest;
beforeAll(async () => {
  rest = await startFakeRest();
});
afterAll(async () => {
  await rest?.close();
});

async function run(
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c: Buffer) => (out += c.toString()));
  stderr.on('data', (c: Buffer) => (err += c.toString()));
  const code = await main(args, { stdin: new PassThrough(), stdout, stderr, env });
  return { code, stdout: out, stderr: err };
}

const env = () => ({ DISCORD_TOKEN: TOKEN, DISCORD_APPLICATION_ID: APP_ID, DISCORD_API_URL: rest.url });

interface Definition {
  name: string;
  description: string;
  type: number;
  options?: { name: string; type: number; required?: boolean; autocomplete?: boolean }[];
}

describe('policybot discord register', () => {
  it('PUTs the command definitions to the guild, with the bot token', async () => {
    const result = await run(['discord', 'register', '--guild', GUILD_ID], env());
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const put = rest.requests.find((r) => r.method === 'PUT');
    expect(put?.path).toBe(`/api/v10/applications/${APP_ID}/guilds/${GUILD_ID}/commands`);
    expect(put?.headers.authorization).toBe(`Bot ${TOKEN}`);
    const body = put?.body as Definition[];
    expect(body.map((c) => c.name)).toEqual([
      'ask',
      'cite',
      'check',
      'topics',
      'style',
      'help',
      'Check quotes',
      'Cite this',
    ]);
    // Slash commands (type 1) have a description; a message's context-menu command (type 3) has none.
    for (const c of body.filter((d) => d.type !== 3)) {
      expect(c.type).toBe(1);
      expect(c.description.length).toBeGreaterThan(0);
      expect(c.description.length).toBeLessThanOrEqual(100);
    }
    expect(body.filter((d) => d.type === 3).map((d) => d.description)).toEqual([undefined, undefined]);
    // "Cite this" is a message command (type 3): in a message's Apps menu, no description, no options.
    const citeThis = body.find((c) => c.name === 'Cite this');
    expect(citeThis).toMatchObject({ type: 3 });
    expect(citeThis).not.toHaveProperty('options');
    const [ask, cite] = body;
    expect(ask?.options).toEqual([
      // Without a question, /ask opens a form for a longer one.
      expect.objectContaining({ name: 'question', type: 3, required: false }),
      expect.objectContaining({ name: 'style', type: 3, required: false }),
      expect.objectContaining({ name: 'private', type: 5, required: false }),
    ]);
    expect(cite?.options?.[0]).toMatchObject({
      name: 'topic',
      type: 3,
      required: true,
      autocomplete: true,
      min_length: 2,
      max_length: 100,
    });
    expect(result.stdout).toContain(
      `Registered /ask, /cite, /check, /topics, /style, /help, “Check quotes” (a message's Apps menu), “Cite this” (a message's Apps menu) in server ${GUILD_ID}`,
    );
    expect(result.stdout).toContain(`client_id=${APP_ID}`);
    expect(result.stdout + result.stderr).not.toContain(TOKEN);
  });

  it('is idempotent: a second run sends the same overwrite', async () => {
    await run(['discord', 'register', '--guild', GUILD_ID], env());
    const puts = rest.requests.filter((r) => r.method === 'PUT' && r.path.includes('/guilds/'));
    expect(puts.length).toBeGreaterThanOrEqual(2);
    expect(puts.at(-1)?.body).toEqual(puts.at(-2)?.body);
  });

  it('asks where when neither a server nor --global is given, registering nothing', async () => {
    const before = rest.requests.length;
    const result = await run(['discord', 'register'], env());
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Where should the commands go?');
    expect(result.stderr).toContain('--guild ID');
    expect(result.stderr).toMatch(/--global .*DMs with the bot/);
    expect(rest.requests.length).toBe(before);
  });

  it('registers in DISCORD_GUILD_ID by default and says so; --global registers globally', async () => {
    const guild = await run(['discord', 'register'], { ...env(), DISCORD_GUILD_ID: GUILD_ID });
    expect(guild.code).toBe(0);
    expect(rest.requests.at(-1)?.path).toBe(`/api/v10/applications/${APP_ID}/guilds/${GUILD_ID}/commands`);
    expect(guild.stdout).toContain(`in server ${GUILD_ID} (DISCORD_GUILD_ID)`);
    expect(guild.stdout).toContain('For DMs with the bot, register with --global');
    const global = await run(['discord', 'register', '--global'], { ...env(), DISCORD_GUILD_ID: GUILD_ID });
    expect(global.code).toBe(0);
    expect(rest.requests.at(-1)?.path).toBe(`/api/v10/applications/${APP_ID}/commands`);
    expect(global.stdout).toMatch(
      /globally: every server with the bot, DMs with it, and everyone who installs it/,
    );
    expect(global.stdout).toContain(
      `Install it for yourself (DMs, group DMs, any server): https://discord.com/oauth2/authorize?client_id=${APP_ID}&integration_type=1&scope=applications.commands`,
    );
  });

  it('registers globally for server and user installs, usable in servers, DMs with the bot and DMs between people; a server registration says nothing of either', async () => {
    await run(['discord', 'register', '--global'], env());
    const global = rest.requests.at(-1)?.body as (Definition & {
      contexts?: number[];
      integration_types?: number[];
    })[];
    for (const c of global) {
      // Installed to a server (0) or by a person for themselves (1); used in servers (0), DMs with
      // the bot (1), and DMs and group DMs between people (2).
      expect(c.integration_types).toEqual([0, 1]);
      expect(c.contexts).toEqual([0, 1, 2]);
    }
    await run(['discord', 'register', '--guild', GUILD_ID], env());
    const guild = rest.requests.at(-1)?.body as Record<string, unknown>[];
    for (const c of guild) {
      expect(c).not.toHaveProperty('contexts');
      expect(c).not.toHaveProperty('integration_types');
    }
    expect(guild.map((c) => c.name)).toEqual(global.map((c) => c.name));
  });

  it('names what is missing, never echoing a value', async () => {
    const before = rest.requests.length;
    const result = await run(['discord', 'register'], { DISCORD_TOKEN: TOKEN, DISCORD_API_URL: rest.url });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('DISCORD_APPLICATION_ID: is required but not set');
    expect(result.stderr).not.toContain(TOKEN);
    expect(rest.requests.length).toBe(before);
  });

  it('reports what Discord refused, with a hint', async () => {
    const result = await run(['discord', 'register', '--guild', GUILD_ID], {
      ...env(),
      DISCORD_API_URL: `${rest.url}/broken`,
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Registering the commands failed');
    expect(result.stderr).toContain('DISCORD_APPLICATION_ID');
    expect(result.stderr).not.toContain(TOKEN);
  });
});
