/**
 * Whether the environment asks for Slack at all: its bot token is set. Kept apart from config.ts
 * (zod) so that the platform registry, which `npm start` reads before choosing the terminal chat,
 * loads nothing else.
 */
export function isSlackConfigured(env: NodeJS.ProcessEnv): boolean {
  return (env.SLACK_BOT_TOKEN ?? '').trim() !== '';
}
