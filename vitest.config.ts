import { availableParallelism } from 'node:os';
import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'web/src/**/*.test.ts', 'web/e2e/**/*.test.ts'],
    // Tests that start real processes (a cluster, a replica) run on their own: npm run test:cluster.
    exclude: [...configDefaults.exclude, 'test/cluster/**'],
    // The browser tests need the web app built; this builds it when it is missing or stale.
    globalSetup: ['web/e2e/global-setup.ts'],
    // Test files share their worker's loaded modules instead of importing the app again for each
    // file (half the suite's time went on imports). Tests keep no state in modules: each builds its
    // own database, app and clock, and test/cli.ts restores the environment it changes.
    isolate: false,
    // A worker per core, not Vitest's one fewer: much of a test's time is spent waiting on
    // PostgreSQL, Chromium or a child process, so on a two-core machine two workers run the suite in
    // half the time (4.5 min instead of 9). Each test has its own database schema and port.
    maxWorkers: Math.max(2, availableParallelism()),
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ['default', './test/summary-reporter.ts'],
  },
});
