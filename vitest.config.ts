import { defineConfig } from 'vitest/config';

/**
 * Tests that hold a server to a latency bound (/healthz within 100 ms while
 * SQLite is locked) run after everything else, alone: beside a browser test
 * on a 2-core machine the server under test waits for a CPU, which is not
 * what they measure (the same test failed that way on code from before the
 * change it guards; docs/DECISIONS.md "Tests that time a server run alone").
 */
const ALONE = ['test/integration/sqlite-lock.test.ts'];

export default defineConfig({
  test: {
    globalSetup: ['test/global-setup.ts'],
    pool: 'forks',
    // 2-core machines: more workers only fight over the CPU the servers under test need.
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // CI reads the JSON summary to print "N passed, M failed" and to refuse skipped runs.
    reporters: process.env.CI ? ['default', 'json'] : ['default'],
    outputFile: { json: '.tmp/vitest-results.json' },
    projects: [
      { extends: true, test: { name: 'shared', include: ['test/**/*.test.ts', 'test/**/*.test.tsx'], exclude: ALONE, sequence: { groupOrder: 0 } } },
      { extends: true, test: { name: 'alone', include: ALONE, sequence: { groupOrder: 1 } } },
    ],
  },
});
