import { describe, expect, it } from 'vitest';
import { loadDiscordConfig } from '../../../src/adapters/discord/config.js';
import { decodeAction, encodeAction } from '../../../src/adapters/discord/custom-id.js';
import { discordMarkdown, escapeUserText } from '../../../src/adapters/discord/escape.js';
import { fitChoices, LIMITS } from '../../../src/adapters/discord/limits.js';
import { answerMessage } from '../../../src/adapters/discord/render.js';
import { ConfigError } from '../../../src/config/errors.js';
import type { Answer, Citation } from '../../../src/core/index.js';
import { answerOf } from '../../support/answers.js';

const citation = (i: number): Citation => ({
  sourceId: `source-${i}`,
  title: `Source ${i}`,
  publisher: 'Publisher '.repeat(40),
  date: '2024-02-05',
  url: 'https://example.org/report',
  quote: `Quote ${i} `.repeat(200),
  reference: `Reference ${i} `.repeat(40),
});

const huge: Answer = answerOf({
  confidence: 1,
  title: 'T'.repeat(400),
  text: 'word '.repeat(2000),
  citations: Array.from({ length: 30 }, (_, i) => citation(i)),
});

describe('Discord rendering', () => {
  it('keeps an oversized answer within every embed limit', () => {
    const [embed] = answerMessage(huge, false).embeds;
    expect(embed).toBeDefined();
    if (!embed) return;
    expect(embed.title?.length).toBeLessThanOrEqual(LIMITS.embedTitle);
    expect(embed.description?.length).toBeLessThanOrEqual(LIMITS.embedDescription);
    expect(embed.fields?.length).toBeGreaterThan(0);
    expect(embed.fields?.length).toBeLessThanOrEqual(LIMITS.embedFields);
    (embed.fields ?? []).forEach((f, i) => {
      expect(f.name.length).toBeLessThanOrEqual(LIMITS.fieldName);
      expect(f.value.length).toBeLessThanOrEqual(LIMITS.fieldValue);
      // The quote gives way: the reference is never cut.
      expect(f.value.startsWith(`> “Quote ${i} `)).toBe(true);
      expect(f.value.endsWith(citation(i).reference)).toBe(true);
    });
    expect(embed.footer?.text.length).toBeLessThanOrEqual(LIMITS.footer);
    const total =
      (embed.title?.length ?? 0) +
      (embed.description?.length ?? 0) +
      (embed.footer?.text.length ?? 0) +
      (embed.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0);
    expect(total).toBeLessThanOrEqual(LIMITS.embedTotal);
  });

  it('keeps autocomplete within 25 choices of 1-100 characters', () => {
    const many = Array.from({ length: 40 }, (_, i) => ({ name: 'n'.repeat(150), value: `v${i}` }));
    const fitted = fitChoices(many);
    expect(fitted).toHaveLength(25);
    for (const c of fitted) expect(c.name.length).toBeLessThanOrEqual(100);
  });

  it('passes the Markdown subset through and neutralises mentions and headings', () => {
    const text =
      '**bold** _it_ [a](https://x.org)\n- bullet\n> quote\n# not a heading\n@everyone <@123> ||spoiler||';
    const out = discordMarkdown(text);
    expect(out).toContain('**bold** _it_ [a](https://x.org)\n- bullet\n> quote\n');
    expect(out).toContain('\\# not a heading');
    expect(out).not.toMatch(/@everyone|<@1|\|\|/);
    expect(escapeUserText('@here **x** <@&9>')).toBe('@\u200bhere \\*\\*x\\*\\* \\<\u200b@&9\\>');
  });

  it('round-trips custom ids within 100 characters and refuses foreign ones', () => {
    const id = encodeAction({ kind: 'followUp', followUp: 'solutions', topic: 'solution.institutions' });
    expect(id.length).toBeLessThanOrEqual(100);
    expect(decodeAction(id)).toEqual({
      kind: 'followUp',
      followUp: 'solutions',
      topic: 'solution.institutions',
    });
    expect(decodeAction('pb:more:Not A Topic!')).toBeUndefined();
    expect(decodeAction('pb:delete:threat.drugs')).toBeUndefined();
  });
});

describe('Discord configuration', () => {
  const key = 'ab'.repeat(32);
  const app = '111111111111111111';

  it('chooses the gateway with a token, the HTTP endpoint with a public key', () => {
    expect(loadDiscordConfig({ DISCORD_TOKEN: 't' })).toMatchObject({
      gateway: true,
      http: false,
      apiUrl: 'https://discord.com/api',
    });
    expect(
      loadDiscordConfig({ DISCORD_TOKEN: 't', DISCORD_PUBLIC_KEY: key, DISCORD_APPLICATION_ID: app }),
    ).toMatchObject({
      gateway: false,
      http: true,
    });
    expect(
      loadDiscordConfig({
        DISCORD_TOKEN: 't',
        DISCORD_PUBLIC_KEY: key,
        DISCORD_APPLICATION_ID: app,
        DISCORD_MODE: 'both',
      }),
    ).toMatchObject({ gateway: true, http: true });
  });

  it('names every missing or malformed variable and never echoes a value', () => {
    const attempt = (env: NodeJS.ProcessEnv): string => {
      try {
        loadDiscordConfig(env);
        return '';
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigError);
        return (error as Error).message;
      }
    };
    // The HTTP endpoint needs only the public key; the application id, when given, is checked.
    expect(attempt({ DISCORD_PUBLIC_KEY: key })).toBe('');
    expect(attempt({ DISCORD_MODE: 'http' })).toContain(
      'DISCORD_PUBLIC_KEY: is required for the HTTP interactions endpoint',
    );
    expect(attempt({ DISCORD_MODE: 'gateway', DISCORD_PUBLIC_KEY: key })).toContain(
      'DISCORD_TOKEN: is required for the gateway',
    );
    const bad = attempt({
      DISCORD_TOKEN: 'secret-value',
      DISCORD_PUBLIC_KEY: 'nothex',
      DISCORD_API_URL: 'ftp://x',
      PORT: 'eighty',
    });
    expect(bad).toContain('DISCORD_PUBLIC_KEY');
    expect(bad).toContain('DISCORD_API_URL');
    expect(bad).toContain('PORT');
    expect(bad).not.toContain('secret-value');
    expect(bad).not.toContain('nothex');
  });

  it('counts empty variables (a copied .env.example) as unset', () => {
    expect(
      loadDiscordConfig({ DISCORD_TOKEN: 't', DISCORD_PUBLIC_KEY: '', DISCORD_GUILD_ID: ' ' }).http,
    ).toBe(false);
  });
});
