import { keptAnswers } from '../../state/kept-answers.js';
import { preferenceStore } from '../../state/preferences.js';
import type { PlatformAdapter, PlatformDeps, RunningPlatform } from '../types.js';
import { isDiscordConfigured, loadDiscordConfig } from './config.js';
import { REST_REQUEST } from './rest.js';

/**
 * Discord through discord.js: the gateway (DISCORD_TOKEN) and/or the HTTP interactions endpoint
 * (DISCORD_PUBLIC_KEY) at /discord/interactions on PORT. Both hand interactions to one dispatch.
 */
export const discordAdapter: PlatformAdapter = {
  name: 'discord',
  isConfigured: isDiscordConfigured,
  async start({
    assistant,
    env,
    http,
    logger,
    inFlight,
    feedback,
    state,
    signals,
  }: PlatformDeps): Promise<RunningPlatform> {
    const config = loadDiscordConfig(env);
    const deps = {
      assistant,
      logger,
      ...(feedback === undefined ? {} : { feedback }),
      // Each person's /style, in the state store (shared by replicas when it is Redis).
      // and private answers kept for "Share", so a press on another replica finds them.
      ...(state === undefined ? {} : { preferences: preferenceStore(state), kept: keptAnswers(state) }),
    };
    const parts: { isReady(): boolean; stop(): Promise<void> }[] = [];
    if (config.http && config.publicKey !== undefined) {
      const { INTERACTIONS_PATH, interactionsEndpoint } = await import('./http-endpoint.js');
      const { REST } = await import('discord.js');
      let open = true;
      const endpoint = interactionsEndpoint(
        {
          publicKey: config.publicKey,
          ...(config.applicationId === undefined ? {} : { applicationId: config.applicationId }),
          // No token: a deferred reply is edited through the interaction's own webhook.
          rest: new REST({ api: config.apiUrl, version: '10', ...REST_REQUEST }),
          ...(inFlight === undefined ? {} : { inFlight }),
          ...(state === undefined
            ? {}
            : { answered: state.keys('discord:interactions', { ttlMs: 15 * 60_000, max: 10_000 }) }),
          ...(signals === undefined ? {} : { signals }),
        },
        deps,
      );
      http.add(INTERACTIONS_PATH, (req, res) => {
        if (open) return endpoint(req, res);
        res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' }).end('Stopping\n');
      });
      parts.push({
        isReady: () => open,
        stop: async () => {
          open = false;
        },
      });
      logger.info({ path: INTERACTIONS_PATH }, 'discord interactions endpoint registered');
    }
    if (config.gateway && config.token !== undefined) {
      const { startGateway } = await import('./gateway.js');
      try {
        parts.push(
          await startGateway(
            { token: config.token, apiUrl: config.apiUrl, ...(inFlight === undefined ? {} : { inFlight }) },
            deps,
          ),
        );
      } catch (error) {
        await Promise.allSettled(parts.map((p) => p.stop()));
        throw error;
      }
    }
    return {
      name: 'discord',
      isReady: () => parts.length > 0 && parts.every((p) => p.isReady()),
      stop: async () => {
        await Promise.allSettled(parts.map((p) => p.stop()));
      },
    };
  },
};
