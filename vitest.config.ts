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
/**
 * Folders whose files share worker processes: the unit tests, and integration folders (a real store and the real
 * services in temp folders, child processes, Python readers) none of whose files mocks, fakes timers, sets a global
 * or writes the environment. Each file there still makes its own workspace.
 */
const SHARED = [
  'test/unit',
  'test/integration/export',
  'test/integration/main/services/import',
  'test/integration/main/services/export',
  'test/integration/main/services/review',
  'test/integration/main/services/recommend',
  'test/integration/peers',
]

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
        // These files share their worker processes (isolate off): a fresh process and module graph per file cost
        // about 0.9 s of CPU each on this 2-core machine, more than most unit files' tests take.
        extends: true,
        test: { name: 'shared', include: SHARED.map((d) => `${d}/**/*.test.ts`), exclude: [...NOT_HERE, ...ISOLATED_UNIT], isolate: false },
      },
      {
        // The other files (servers, PostgreSQL, the CLI's environment, the team) each in a fresh process.
        extends: true,
        test: { name: 'isolated', include: ['test/**/*.test.ts'], exclude: [...NOT_HERE, ...SHARED.map((d) => `${d}/**`)], isolate: true },
      },
      { extends: true, test: { name: 'isolated-unit', include: ISOLATED_UNIT, isolate: true } },
    ],
  },
})
