import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    globalSetup: ['test/global-setup.ts'],
    pool: 'forks',
    // 2-core machines: more workers only fight over the CPU the servers under test need.
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // CI reads the JSON summary to print "N passed, M failed" and to refuse skipped runs.
    reporters: process.env.CI ? ['default', 'json'] : ['default'],
    outputFile: { json: '.tmp/vitest-results.json' },
  },
});
