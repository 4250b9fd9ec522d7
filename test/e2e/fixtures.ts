import { test } from '@playwright/test'
import { startApp } from './appServer'
import type { RunningApp } from './appServer'
import { setAnnotatorViaApi } from './pageHelpers'

/**
 * One app (a fresh workspace) for the tests of a describe block: started
 * before them, with `annotator` chosen when given, and stopped after them.
 * Call it in the describe body. The app only exists once beforeAll has run,
 * so what comes back reads through to it; use it in hooks and tests only.
 */
export function appPerDescribe(opts: { annotator?: string } = {}): RunningApp {
  let running: RunningApp | undefined
  test.beforeAll(async () => {
    running = await startApp()
    if (opts.annotator) await setAnnotatorViaApi(running, opts.annotator)
  })
  test.afterAll(async () => {
    await running?.stop()
  })
  const app = (): RunningApp => {
    if (!running) throw new Error('the app starts in beforeAll: use it inside a hook or a test')
    return running
  }
  return {
    get url() {
      return app().url
    },
    get origin() {
      return app().origin
    },
    get token() {
      return app().token
    },
    get dir() {
      return app().dir
    },
    get db() {
      return app().db
    },
    stop: () => app().stop(),
  }
}
