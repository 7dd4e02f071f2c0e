import { defineConfig } from 'vitest/config';

/**
 * One vitest run, three projects. Server and plugin tests share one
 * PostgreSQL per run (global setup); the web project runs in happy-dom.
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'server',
          include: ['server/src/**/*.test.ts', 'server/test/**/*.test.ts'],
          globalSetup: ['server/src/testing/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'plugins',
          include: ['plugins/*/test/**/*.test.ts', 'plugin-sdk/src/**/*.test.ts'],
          globalSetup: ['server/src/testing/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      'web/vitest.config.ts',
    ],
  },
});
