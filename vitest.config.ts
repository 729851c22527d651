import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'web/src/**/*.test.ts', 'web/e2e/**/*.test.ts'],
    // Tests that start real processes (a cluster, a replica) run on their own: npm run test:cluster.
    exclude: [...configDefaults.exclude, 'test/cluster/**'],
    // The browser tests need the web app built; this builds it when it is missing or stale.
    globalSetup: ['web/e2e/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ['default', './test/summary-reporter.ts'],
  },
});
