import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Tests run from the TypeScript sources: load the CSL styles as text, as the bundle's esbuild does.
  plugins: [
    {
      name: 'csl-as-text',
      transform(code, id) {
        return id.split('?')[0]?.endsWith('.csl')
          ? { code: `export default ${JSON.stringify(code)};`, map: null }
          : undefined;
      },
    },
  ],
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
