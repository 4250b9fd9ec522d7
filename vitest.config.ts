import os from 'node:os'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    // Unit tests mirror src/ (test/unit, or test/<side>/...); e2e and bench run elsewhere.
    include: ['test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'test/bench/**', 'test/crash/**', '**/node_modules/**'],
    environment: 'node',
    globalSetup: ['test/helpers/runTempRoot.ts'],
    // A failing property keeps its seed and a replay command in .test-results/fast-check-failures.log.
    setupFiles: ['test/helpers/fastCheckSeeds.ts'],
    pool: 'forks',
    // Most files wait on child processes, PostgreSQL and the disk, so two files at a time pay even on two cores
    // (vitest's default there is one). SPANWRIGHT_TEST_WORKERS overrides it.
    maxWorkers: Number(process.env.SPANWRIGHT_TEST_WORKERS) || Math.max(2, os.availableParallelism() - 1),
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
})
