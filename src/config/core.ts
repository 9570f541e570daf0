import type { CoreConfig } from './env.js';

const CORE_VARIABLES = [
  'POLICYBOT_KNOWLEDGE_DIR',
  'POLICYBOT_THRESHOLD',
  'POLICYBOT_MAX_QUESTION_LENGTH',
  'POLICYBOT_CONVERSATION_TTL_SECONDS',
  'POLICYBOT_CITATION_STYLE',
] as const;

/**
 * The core's settings, validated by the zod schema in env.ts. With none of them set there is
 * nothing to validate, and the one-shot CLI skips loading zod (a fifth of its start-up).
 */
export async function loadCoreConfig(env: NodeJS.ProcessEnv = process.env): Promise<CoreConfig> {
  // An empty variable (`POLICYBOT_THRESHOLD=` in a copied .env) means the default, as unset does.
  const set = Object.fromEntries(
    CORE_VARIABLES.flatMap((name) => {
      const value = env[name];
      return value === undefined || value.trim() === '' ? [] : [[name, value]];
    }),
  );
  if (Object.keys(set).length === 0) return {};
  const { coreEnvSchema, parseEnv } = await import('./env.js');
  return parseEnv(coreEnvSchema, set);
}
