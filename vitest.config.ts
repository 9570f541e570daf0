import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/support/build.ts'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // End-to-end tests start servers on 127.0.0.1 ports of their own: files may run in parallel.
    pool: 'forks',
  },
});
