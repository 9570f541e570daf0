import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { EVENTS_PATH } from '../../../src/adapters/slack/app.js';
import { DEFAULT_COMMAND } from '../../../src/adapters/slack/config.js';

interface Manifest {
  display_information: { name: string; description: string; long_description?: string };
  features: {
    app_home: { messages_tab_enabled: boolean; messages_tab_read_only_enabled: boolean };
    bot_user: { display_name: string };
    slash_commands: Array<{ command: string; description: string; url?: string; should_escape: boolean }>;
  };
  oauth_config: { scopes: { bot: string[] } };
  settings: {
    event_subscriptions: { request_url?: string; bot_events: string[] };
    interactivity: { is_enabled: boolean; request_url?: string };
    socket_mode_enabled: boolean;
  };
}

const read = (file: string): Manifest =>
  parse(readFileSync(new URL(`../../../slack/${file}`, import.meta.url), 'utf8'));

// What the adapter listens to, and the scopes that lets it: the manifest must ask for all of it.
const EVENTS = ['app_mention', 'message.channels', 'message.groups', 'message.im'];
const SCOPES = [
  'app_mentions:read',
  'channels:history',
  'groups:history',
  'im:history',
  'chat:write',
  'commands',
];

describe.each([
  ['manifest.yaml', true],
  ['manifest.http.yaml', false],
])('slack/%s', (file, socketMode) => {
  const manifest = read(file);

  it('asks for the events, scopes, command and interactivity the adapter uses', () => {
    expect([...manifest.settings.event_subscriptions.bot_events].sort()).toEqual([...EVENTS].sort());
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual([...SCOPES].sort());
    expect(manifest.features.slash_commands.map((c) => c.command)).toEqual([DEFAULT_COMMAND]);
    expect(manifest.features.slash_commands[0]?.should_escape).toBe(false);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.features.app_home.messages_tab_enabled).toBe(true);
    expect(manifest.features.app_home.messages_tab_read_only_enabled).toBe(false);
  });

  it("keeps within Slack's manifest limits", () => {
    expect(manifest.display_information.description.length).toBeLessThanOrEqual(140);
    const long = manifest.display_information.long_description ?? '';
    expect(long.length).toBeGreaterThanOrEqual(175);
    expect(long.length).toBeLessThanOrEqual(4000);
    expect(manifest.features.bot_user.display_name.length).toBeLessThanOrEqual(80);
  });

  it(socketMode ? 'uses Socket Mode and no request URL' : 'sends everything to /slack/events', () => {
    expect(manifest.settings.socket_mode_enabled).toBe(socketMode);
    const urls = [
      manifest.settings.event_subscriptions.request_url,
      manifest.settings.interactivity.request_url,
      manifest.features.slash_commands[0]?.url,
    ];
    if (socketMode) expect(urls).toEqual([undefined, undefined, undefined]);
    else for (const url of urls) expect(url).toMatch(new RegExp(`^https://[^/]+${EVENTS_PATH}$`));
  });
});
