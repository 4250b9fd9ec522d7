import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    // Unit tests mirror src/ (test/unit, or test/<side>/...); e2e and bench run elsewhere.
    include: ['test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'test/bench/**', 'test/crash/**', '**/node_modules/**'],
    environment: 'node',
    globalSetup: ['test/helpers/runTempRoot.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
})
