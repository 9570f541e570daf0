/**
 * Whether the environment asks for Discord: its bot token or its public key is set. Kept apart from
 * config.ts (and free of imports) so the platform registry can ask without loading zod or discord.js.
 */
export function isDiscordConfigured(env: NodeJS.ProcessEnv): boolean {
  return isSet(env.DISCORD_TOKEN) || isSet(env.DISCORD_PUBLIC_KEY);
}

function isSet(value: string | undefined): boolean {
  return value !== undefined && value.trim() !== '';
}
