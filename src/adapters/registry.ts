import { isDiscordConfigured } from './discord/configured.js';
import { isSlackConfigured } from './slack/detect.js';
import type { PlatformAdapter } from './types.js';

/** Every platform `policybot serve` knows, loaded only when the environment configures it. */
export const PLATFORMS: ReadonlyArray<{
  readonly name: string;
  isConfigured(env: NodeJS.ProcessEnv): boolean;
  load(): Promise<PlatformAdapter>;
}> = [
  {
    name: 'slack',
    isConfigured: isSlackConfigured,
    load: async () => (await import('./slack/index.js')).slackAdapter,
  },
  {
    name: 'discord',
    isConfigured: isDiscordConfigured,
    load: async () => (await import('./discord/index.js')).discordAdapter,
  },
];

export function configuredPlatforms(env: NodeJS.ProcessEnv): typeof PLATFORMS {
  return PLATFORMS.filter((p) => p.isConfigured(env));
}
