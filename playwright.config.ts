import { defineConfig } from '@playwright/test'

// Debian's Chromium: Playwright cannot download its own browsers on these machines.
const executablePath = process.env.SPANWRIGHT_CHROMIUM ?? '/usr/bin/chromium'

export default defineConfig({
  testDir: 'test/e2e',
  globalSetup: './test/helpers/runTempRoot.ts',
  outputDir: '.test-results/playwright',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  // Each spec file starts its own server, workspace and PostgreSQL on free ports: two files at a time share nothing.
  workers: Number(process.env.SPANWRIGHT_TEST_WORKERS) || 2,
  fullyParallel: false,
  retries: 0,
  reporter: [['list'], ['json', { outputFile: '.test-results/playwright.json' }]],
  use: {
    browserName: 'chromium',
    headless: true,
    viewport: { width: 1400, height: 900 },
    launchOptions: {
      executablePath,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
})
