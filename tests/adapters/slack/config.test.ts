import { describe, expect, it } from 'vitest';
import { configuredPlatforms } from '../../../src/adapters/registry.js';
import { isSlackConfigured, loadSlackConfig } from '../../../src/adapters/slack/config.js';
import { ConfigError } from '../../../src/config/errors.js';

const message = (env: NodeJS.ProcessEnv): string => {
  try {
    loadSlackConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  throw new Error('expected a ConfigError');
};

describe('Slack configuration', () => {
  it('is configured by its bot token alone, and then listed by the registry', () => {
    expect(isSlackConfigured({})).toBe(false);
    expect(isSlackConfigured({ SLACK_BOT_TOKEN: '  ' })).toBe(false);
    expect(isSlackConfigured({ SLACK_BOT_TOKEN: 'xoxb-1' })).toBe(true);
    expect(configuredPlatforms({ SLACK_BOT_TOKEN: 'xoxb-1' }).map((p) => p.name)).toContain('slack');
    expect(configuredPlatforms({}).map((p) => p.name)).not.toContain('slack');
  });

  it('chooses HTTP with a signing secret, Socket Mode with an app token', () => {
    expect(
      loadSlackConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's3cret', PORT: '8080' }),
    ).toEqual({
      botToken: 'xoxb-1',
      signingSecret: 's3cret',
      port: 8080,
      command: '/policy',
    });
    expect(
      loadSlackConfig({
        SLACK_BOT_TOKEN: 'xoxb-1',
        SLACK_APP_TOKEN: 'xapp-1',
        SLACK_SIGNING_SECRET: '',
        SLACK_COMMAND: 'ask',
      }),
    ).toEqual({ botToken: 'xoxb-1', appToken: 'xapp-1', port: 3000, command: '/ask' });
    expect(
      loadSlackConfig({
        SLACK_BOT_TOKEN: 'xoxb-1',
        SLACK_APP_TOKEN: 'xapp-1',
        SLACK_API_URL: 'http://127.0.0.1:9/api',
      }).apiUrl,
    ).toBe('http://127.0.0.1:9/api/');
  });

  it('names every missing or wrong variable at once, and never its value', () => {
    const missing = message({});
    expect(missing).toContain('SLACK_BOT_TOKEN: is required but not set');
    expect(missing).toContain('SLACK_SIGNING_SECRET: is required in HTTP mode');

    const wrong = message({
      SLACK_BOT_TOKEN: 'xoxp-user-token-value',
      SLACK_APP_TOKEN: 'app-token-value',
      PORT: '80a',
      SLACK_API_URL: 'slack.com/api',
      SLACK_COMMAND: '/two words',
    });
    for (const name of ['SLACK_BOT_TOKEN', 'SLACK_APP_TOKEN', 'PORT', 'SLACK_API_URL', 'SLACK_COMMAND']) {
      expect(wrong).toContain(`${name}:`);
    }
    expect(wrong).not.toContain('xoxp-user-token-value');
    expect(wrong).not.toContain('app-token-value');
    expect(message({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1', PORT: '70000' })).toContain(
      'PORT:',
    );
  });
});
