import { defineConfig } from 'vitest/config';

/**
 * Tests that start real processes — a cluster behind HAProxy, a PostgreSQL streaming replica —
 * against the PostgreSQL of REDRESS_TEST_POSTGRES_URL. CI runs them after the suite.
 */
export default defineConfig({
  test: {
    include: ['test/cluster/**/*.test.ts'],
    // One at a time: they use fixed ports and machine-wide processes.
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 180_000,
    reporters: ['default', './test/summary-reporter.ts'],
  },
});
