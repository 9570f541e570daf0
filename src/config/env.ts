import { z } from 'zod';
import { CITATION_STYLES } from '../core/citations/styles.js';
import { ConfigError } from './errors.js';

export { ConfigError };

const optionalNumber = (min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^\d+(\.\d+)?$/, 'must be a number')
    .transform(Number)
    .pipe(z.number().min(min).max(max))
    .optional();

/** Settings that shape answers. Platform secrets are validated by each adapter's own schema. */
export const coreEnvSchema = z.object({
  POLICYBOT_KNOWLEDGE_DIR: z.string().trim().min(1).optional(),
  POLICYBOT_THRESHOLD: optionalNumber(0, 1),
  POLICYBOT_MAX_QUESTION_LENGTH: optionalNumber(1, 100_000),
  POLICYBOT_CONVERSATION_TTL_SECONDS: optionalNumber(1, 7 * 24 * 3600),
  /** The style of every answer's references, and of `policybot cite` without --style. */
  POLICYBOT_CITATION_STYLE: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.enum(CITATION_STYLES, { error: `must be one of ${CITATION_STYLES.join(', ')}` }))
    .optional(),
});

export type CoreConfig = z.infer<typeof coreEnvSchema>;

/** Validates the environment once, naming every variable that is wrong (and never echoing a value). */
export function parseEnv<T extends z.ZodType>(schema: T, env: NodeJS.ProcessEnv = process.env): z.infer<T> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => {
    const name = issue.path.map(String).join('.') || '(environment)';
    return `  ${name}: ${issue.code === 'invalid_type' && issue.input === undefined ? 'is required but not set' : issue.message}`;
  });
  throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
}

/** The shared webhook server: PORT is optional (3000) but, when set, a port number. */
export const httpEnvSchema = z.object({
  PORT: z
    .string()
    .trim()
    .regex(/^\d*$/, 'must be a port number (0-65535)')
    .transform((v) => (v === '' ? undefined : Number(v)))
    .refine((v) => v === undefined || v <= 65535, 'must be a port number (0-65535)')
    .optional(),
  HOST: z.string().trim().min(1).optional(),
});
