import os from 'node:os'
import { defineConfig } from '@playwright/test'

// Debian's Chromium: Playwright cannot download its own browsers on these machines.
const executablePath = process.env.SPANWRIGHT_CHROMIUM ?? '/usr/bin/chromium'

export default defineConfig({
  testDir: 'test/e2e',
  globalSetup: './test/helpers/runTempRoot.ts',
  outputDir: '.test-results/playwright',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  // Each spec file starts its own server, workspace and PostgreSQL on free ports: files at a time share nothing.
  // A test mostly waits (for the page, the server, the browser): two files at a time kept two cores less than half
  // busy, so four run at once, or two on a one-core machine.
  workers: Number(process.env.SPANWRIGHT_TEST_WORKERS) || Math.min(4, 2 * os.availableParallelism()),
  fullyParallel: false,
  retries: 0,
  reporter: [['list'], ['json', { outputFile: '.test-results/playwright.json' }]],
  use: {
    browserName: 'chromium',
    headless: true,
    viewport: { width: 1400, height: 900 },
    launchOptions: {
      executablePath,
      // Headless Chromium 156 also loads the omnibox popup's WebUI page in another renderer for every new page's
      // window (140-265 ms of main-thread CPU each, traced in the start bench); no test looks at it, so it is off.
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-features=WebUIOmniboxPopup,WebUIOmniboxFullPopup,WebUIOmniboxAimPopup,PreloadTopChromeWebUI',
      ],
    },
    // Recording a trace of every test (kept for the failing ones) cost a sixth to a fifth of the run's CPU:
    // SPANWRIGHT_TRACE=1 records them again. A failing test still leaves its screenshot and error context.
    trace: process.env.SPANWRIGHT_TRACE === '1' ? 'retain-on-failure' : 'off',
    screenshot: 'only-on-failure',
  },
})
