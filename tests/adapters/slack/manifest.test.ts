import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { z } from 'zod';
import { EVENTS_PATH } from '../../../src/adapters/slack/app.js';
import { DEFAULT_COMMAND } from '../../../src/adapters/slack/config.js';
import { SHORTCUTS } from '../../../src/adapters/slack/shortcuts.js';
import { sourceHosts } from '../../../src/knowledge/source-links.js';
import { knowledgeBase } from '../../support/assistant.js';

/**
 * The manifest fields Slack documents (its manifest reference, as @slack/web-api 7 types it in
 * dist/types/request/manifest.d.ts), with their documented limits. Strict: a field Slack does not know, or one misspelled,
 * fails here rather than when the app is created.
 */
const url = z.url({ protocol: /^https$/ });
const manifestSchema = z.strictObject({
  _metadata: z
    .strictObject({ major_version: z.number().int().optional(), minor_version: z.number().int().optional() })
    .optional(),
  display_information: z.strictObject({
    name: z.string().min(1).max(35),
    description: z.string().max(140).optional(),
    long_description: z.string().min(175).max(4000).optional(),
    background_color: z
      .string()
      .regex(/^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i)
      .optional(),
  }),
  features: z
    .strictObject({
      app_home: z
        .strictObject({
          home_tab_enabled: z.boolean().optional(),
          messages_tab_enabled: z.boolean().optional(),
          messages_tab_read_only_enabled: z.boolean().optional(),
        })
        .optional(),
      bot_user: z
        .strictObject({
          display_name: z
            .string()
            .max(80)
            .regex(/^[a-z0-9._-]+$/),
          always_online: z.boolean().optional(),
        })
        .optional(),
      shortcuts: z
        .array(
          z.strictObject({
            type: z.enum(['global', 'message']),
            name: z.string().min(1),
            callback_id: z.string().min(1).max(255),
            description: z.string().min(1).max(150),
          }),
        )
        .max(10)
        .optional(),
      slash_commands: z
        .array(
          z.strictObject({
            command: z
              .string()
              .regex(/^\/\S+$/)
              .max(32),
            description: z.string().min(1).max(2000),
            should_escape: z.boolean().optional(),
            url: url.optional(),
            usage_hint: z.string().max(1000).optional(),
          }),
        )
        .max(50)
        .optional(),
      unfurl_domains: z
        .array(z.string().regex(/^[a-z0-9.-]+\.[a-z]{2,}$/))
        .max(5)
        .optional(),
    })
    .optional(),
  oauth_config: z
    .strictObject({
      redirect_urls: z.array(url).max(1000).optional(),
      scopes: z
        .strictObject({
          bot: z.array(z.string()).max(255).optional(),
          user: z.array(z.string()).max(255).optional(),
        })
        .optional(),
      token_management_enabled: z.boolean().optional(),
    })
    .optional(),
  settings: z
    .strictObject({
      allowed_ip_address_ranges: z.array(z.string()).max(50).optional(),
      event_subscriptions: z
        .strictObject({
          request_url: url.optional(),
          bot_events: z.array(z.string()).optional(),
          user_events: z.array(z.string()).optional(),
        })
        .optional(),
      interactivity: z
        .strictObject({
          is_enabled: z.boolean(),
          request_url: url.optional(),
          message_menu_options_url: url.optional(),
        })
        .optional(),
      org_deploy_enabled: z.boolean().optional(),
      socket_mode_enabled: z.boolean().optional(),
      token_rotation_enabled: z.boolean().optional(),
    })
    .optional(),
});

const read = (file: string): unknown =>
  parse(readFileSync(new URL(`../../../slack/${file}`, import.meta.url), 'utf8'));

// What the adapter listens to, and the scopes that lets it: the manifest must ask for all of it.
const EVENTS = [
  'app_mention',
  'message.channels',
  'message.groups',
  'message.im',
  'app_home_opened',
  'link_shared',
];
const SCOPES = [
  'app_mentions:read',
  'channels:history',
  'groups:history',
  'im:history',
  'chat:write',
  'commands',
  'links:read',
  'links:write',
];

describe.each([
  ['manifest.yaml', true],
  ['manifest.http.yaml', false],
])('slack/%s', (file, socketMode) => {
  const raw = read(file);

  it("has only the fields Slack documents, within Slack's limits", () => {
    const result = manifestSchema.safeParse(raw);
    expect(result.error?.issues ?? []).toEqual([]);
  });

  const manifest = manifestSchema.parse(raw);
  const features = manifest.features ?? {};

  it('asks for the events, scopes, command and interactivity the adapter uses', () => {
    expect([...(manifest.settings?.event_subscriptions?.bot_events ?? [])].sort()).toEqual(
      [...EVENTS].sort(),
    );
    expect([...(manifest.oauth_config?.scopes?.bot ?? [])].sort()).toEqual([...SCOPES].sort());
    expect(features.slash_commands?.map((c) => c.command)).toEqual([DEFAULT_COMMAND]);
    expect(features.slash_commands?.[0]?.should_escape).toBe(false);
    expect(manifest.settings?.interactivity?.is_enabled).toBe(true);
    expect(features.app_home).toEqual({
      home_tab_enabled: true,
      messages_tab_enabled: true,
      messages_tab_read_only_enabled: false,
    });
  });

  it('declares exactly the shortcuts the adapter handles', () => {
    expect(features.shortcuts).toEqual(
      SHORTCUTS.map((s) => ({
        name: s.name,
        type: s.type,
        callback_id: s.callbackId,
        description: s.description,
      })),
    );
  });

  it('unfurls only sites the knowledge base has sources on', () => {
    const hosts = sourceHosts(knowledgeBase());
    for (const domain of features.unfurl_domains ?? []) {
      expect(
        [...hosts].some((host) => host === domain || host.endsWith(`.${domain}`)),
        domain,
      ).toBe(true);
    }
    // The two primary sources' sites at least.
    expect(features.unfurl_domains).toEqual(expect.arrayContaining(['dni.gov', '1787securityplatform.com']));
  });

  it(socketMode ? 'uses Socket Mode and no request URL' : 'sends everything to /slack/events', () => {
    expect(manifest.settings?.socket_mode_enabled).toBe(socketMode);
    const urls = [
      manifest.settings?.event_subscriptions?.request_url,
      manifest.settings?.interactivity?.request_url,
      features.slash_commands?.[0]?.url,
    ];
    if (socketMode) expect(urls).toEqual([undefined, undefined, undefined]);
    else for (const u of urls) expect(u).toMatch(new RegExp(`^https://[^/]+${EVENTS_PATH}$`));
  });
});
