import { describe, expect, it } from 'vitest';
import { loadDiscordConfig } from '../../../src/adapters/discord/config.js';
import { decodeAction, encodeAction } from '../../../src/adapters/discord/custom-id.js';
import { discordMarkdown, escapeUserText } from '../../../src/adapters/discord/escape.js';
import { fitChoices, LIMITS } from '../../../src/adapters/discord/limits.js';
import { answerMessage } from '../../../src/adapters/discord/render.js';
import { ConfigError } from '../../../src/config/errors.js';
import { type Answer, LABELS, type Reference } from '../../../src/core/index.js';
import { answerOf } from '../../support/answers.js';

const reference = (i: number): Reference => ({
  sourceId: `source-${i}`,
  style: 'plain',
  kind: 'text',
  label: `Source ${i}`,
  publisher: 'Publisher '.repeat(40),
  date: '2024-02-05',
  url: 'https://example.org/report',
  entry: `Reference ${i} `.repeat(40).trim(),
  quotes: [i],
});

const huge: Answer = answerOf({
  confidence: 1,
  title: 'T'.repeat(400),
  blocks: [{ kind: 'paragraph', role: 'summary', content: [{ kind: 'text', text: 'word '.repeat(2000) }] }],
  quotes: Array.from({ length: 30 }, (_, i) => ({
    text: `Quote ${i} `.repeat(200),
    sourceId: `source-${i}`,
    shownInText: false,
  })),
  references: Array.from({ length: 30 }, (_, i) => reference(i)),
});

describe('Discord rendering', () => {
  it('keeps an oversized answer within every embed limit, every reference whole or counted', () => {
    const { embeds, files = [] } = answerMessage(huge, false);
    const [embed] = embeds;
    expect(embed).toBeDefined();
    if (!embed) return;
    expect(embed.title?.length).toBeLessThanOrEqual(LIMITS.embedTitle);
    expect(embed.fields?.length).toBeGreaterThan(0);
    expect(embed.fields?.length).toBeLessThanOrEqual(LIMITS.embedFields);
    let total = 0;
    for (const e of embeds) {
      expect(e.description?.length ?? 0).toBeLessThanOrEqual(LIMITS.embedDescription);
      for (const f of e.fields ?? []) {
        expect(f.name.length).toBeLessThanOrEqual(LIMITS.fieldName);
        expect(f.value.length).toBeLessThanOrEqual(LIMITS.fieldValue);
      }
      total +=
        (e.title?.length ?? 0) +
        (e.description?.length ?? 0) +
        (e.footer?.text.length ?? 0) +
        (e.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0);
    }
    expect(embed.footer?.text.length ?? 0).toBeLessThanOrEqual(LIMITS.footer);
    // Quotes that did not fit are counted at the top of the answer, never dropped silently.
    const quotesLeft = huge.quotes.length - (embed.fields?.length ?? 0);
    expect(embed.description).toContain(LABELS.moreQuotes(quotesLeft, LABELS.inSources));
    expect(total).toBeLessThanOrEqual(LIMITS.embedTotal);
    expect(embeds.length).toBeLessThanOrEqual(10);
    // Every reference shown is whole, in a code block; those with no room go whole in an attached
    // file, which the message names: none is cut or dropped.
    const text = embeds.map((e) => e.description ?? '').join('\n');
    const shown = huge.references.filter((r) => text.includes(`\`\`\`\n${r.entry}\n\`\`\``));
    const missing = huge.references.filter((r) => !shown.includes(r));
    expect(missing.length).toBeGreaterThan(0);
    expect(files).toHaveLength(1);
    const [file] = files;
    expect(text).toContain(LABELS.referencesAttached(missing.length, file?.name.replace(/_/g, '\\_') ?? ''));
    for (const r of missing) expect(file?.content).toContain(r.entry);
    for (const r of shown) expect(file?.content).not.toContain(r.entry);
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
