import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadOpsConfig, opsEnvSchema } from '../../src/config/ops.js';
import { ROOT } from '../support/assistant.js';

describe('operations settings', () => {
  it('names a wrong setting without echoing its value', () => {
    expect(() =>
      loadOpsConfig({ POLICYBOT_RATE_LIMIT_CAPACITY: 'lots', POLICYBOT_USER_HASH_KEY: 'short-secret' }),
    ).toThrow(
      /POLICYBOT_RATE_LIMIT_CAPACITY: must be a whole number[\s\S]*POLICYBOT_USER_HASH_KEY: must be at least 16/,
    );
    expect(() => loadOpsConfig({ POLICYBOT_USER_HASH_KEY: 'short-secret' })).not.toThrow(/short-secret/);
    expect(loadOpsConfig({ POLICYBOT_UNANSWERED_LOG: 'off' }).unansweredLog).toBeUndefined();
    expect(loadOpsConfig({ POLICYBOT_SHUTDOWN_GRACE_SECONDS: '' }).shutdownGraceMs).toBe(10_000);
  });
  it('are all documented in .env.example', () => {
    const example = readFileSync(join(ROOT, '.env.example'), 'utf8');
    for (const name of Object.keys(opsEnvSchema.shape)) expect(example).toContain(`# ${name}=`);
  });
});
