import os from 'node:os'
import { defineConfig } from 'vitest/config'

/**
 * Test files that change what a later file in the same process would see: a module mock (electron) or a spy on a
 * Node module (fs), a reset module registry or a global the module under test keeps (the renderer's prefetch and
 * token), fake timers, the process's working folder (the fuzz files move it into a sandbox), its environment
 * (SPANWRIGHT_HOME, SPANWRIGHT_OUT, HOME), or the SQLite addon chosen once per process. importStreaming measures
 * the heap of its process, so it has one of its own. They run each in a fresh process.
 */
const ISOLATED = [
  'test/unit/main/electron/ipcAdapter.test.ts',
  'test/unit/main/electron/preload.test.ts',
  'test/unit/renderer/api/client.test.ts',
  'test/unit/renderer/api/prefetch.test.ts',
  'test/unit/renderer/features/annotate/annotateHelpers.test.ts',
  'test/unit/main/api/fuzzHugePayloads.test.ts',
  'test/unit/main/api/fuzzMethods.test.ts',
  'test/unit/main/api/namedBadCalls.test.ts',
  'test/integration/backupOrderAndForeign.test.ts',
  'test/integration/cliStrayArguments.test.ts',
  'test/integration/diskRefuses.test.ts',
  'test/integration/firstRun.test.ts',
  'test/integration/importStreaming.test.ts',
  'test/integration/main/cli/servePortInUse.test.ts',
  'test/integration/main/http/staticCaching.test.ts',
  'test/integration/main/services/jobs/typedServerPath.test.ts',
  'test/integration/main/store/nativeBindingChoice.test.ts',
  'test/integration/main/store/openCheck.test.ts',
  'test/integration/team/teamLeave.test.ts',
]
const NOT_HERE = ['test/e2e/**', 'test/bench/**', 'test/crash/**', '**/node_modules/**']
/**
 * Folders whose files share worker processes: the unit and the integration tests (a real store and the real
 * services in temp folders, child processes, PostgreSQL servers, Python readers), except the files above. Each file
 * still makes its own workspaces, servers and child processes, and closes them.
 */
const SHARED = ['test/unit', 'test/integration']

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
        test: { name: 'shared', include: SHARED.map((d) => `${d}/**/*.test.ts`), exclude: [...NOT_HERE, ...ISOLATED], isolate: false },
      },
      {
        // Any test folder outside SHARED (none today), each file in a fresh process.
        extends: true,
        test: { name: 'isolated', include: ['test/**/*.test.ts'], exclude: [...NOT_HERE, ...SHARED.map((d) => `${d}/**`)], isolate: true },
      },
      // ISOLATED, each file in a fresh process.
      { extends: true, test: { name: 'isolated-files', include: ISOLATED, isolate: true } },
    ],
  },
})
