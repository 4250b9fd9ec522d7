import os from 'node:os'
import { defineConfig } from 'vitest/config'

/**
 * Unit test files that change what a later file in the same process would see: a module mock (electron), a reset
 * module registry or a global the module under test keeps (the renderer's prefetch and token), fake timers, or the
 * process's working folder (the fuzz files move it into a sandbox). They run as every integration file does, each in
 * a fresh process.
 */
const ISOLATED_UNIT = [
  'test/unit/main/electron/ipcAdapter.test.ts',
  'test/unit/main/electron/preload.test.ts',
  'test/unit/renderer/api/client.test.ts',
  'test/unit/renderer/api/prefetch.test.ts',
  'test/unit/renderer/features/annotate/annotateHelpers.test.ts',
  'test/unit/main/api/fuzzHugePayloads.test.ts',
  'test/unit/main/api/fuzzMethods.test.ts',
  'test/unit/main/api/namedBadCalls.test.ts',
]
const NOT_HERE = ['test/e2e/**', 'test/bench/**', 'test/crash/**', '**/node_modules/**']

export default defineConfig({
  test: {
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
    // Unit tests mirror src/ (test/unit, or test/<side>/...); e2e and bench run elsewhere.
    projects: [
      {
        // Unit files share their worker processes (isolate off): a fresh process and module graph per file cost
        // about 0.9 s of CPU each on this 2-core machine, more than most of these files' tests take.
        extends: true,
        test: { name: 'unit', include: ['test/unit/**/*.test.ts'], exclude: [...NOT_HERE, ...ISOLATED_UNIT], isolate: false },
      },
      {
        // Integration files (real processes, servers, PostgreSQL, environment changes) each in a fresh process.
        extends: true,
        test: { name: 'isolated', include: ['test/**/*.test.ts'], exclude: [...NOT_HERE, 'test/unit/**'], isolate: true },
      },
      { extends: true, test: { name: 'isolated-unit', include: ISOLATED_UNIT, isolate: true } },
    ],
  },
})
