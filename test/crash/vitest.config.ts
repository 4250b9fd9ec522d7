import { defineConfig } from 'vitest/config'

// The crash test spawns and SIGKILLs real processes; it has its own config so
// `npm test` runs it as its own stage (its counts join the totals line).
export default defineConfig({
  test: {
    include: ['test/crash/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    testTimeout: 120_000,
  },
})
