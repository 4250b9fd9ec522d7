// The renderer ships minified and split by route (issue 12 §2): the library's start loads none of the
// other screens' code, and each screen's code arrives when the user goes there.
import { expect, test } from '@playwright/test'
import type { Page } from '@playwright/test'
import { appPerDescribe } from './fixtures'

// The document view is not among them: the app fetches the editor's code once idle, so the first document opens at once.
const SCREENS = ['ReviewView', 'AgreementView', 'SchemaEditor', 'TeamView', 'BackupsView', 'RecommendersView', 'ImportDialog', 'ExportDialog']

/** Names of the JavaScript files the page fetched from /assets/. */
function scripts(page: Page): string[] {
  const seen: string[] = []
  page.on('request', (r) => {
    const { pathname } = new URL(r.url())
    if (pathname.startsWith('/assets/') && pathname.endsWith('.js')) seen.push(pathname.slice('/assets/'.length))
  })
  return seen
}

const loaded = (seen: string[], screen: string) => seen.some((name) => name.startsWith(`${screen}-`))

test.describe('code loaded on demand', () => {
  const app = appPerDescribe({ annotator: 'alice' })

  test('the library loads no other screen; each screen loads its own code when opened', async ({ page }) => {
    const seen = scripts(page)
    await page.goto(app.url)
    await expect(page.getByTestId('library-summary')).toContainText('5 documents')
    for (const screen of SCREENS) expect(loaded(seen, screen), `${screen} fetched by the library's start`).toBe(false)

    for (const [hash, screen] of [
      ['#/agreement', 'AgreementView'],
      ['#/schema', 'SchemaEditor'],
      ['#/team', 'TeamView'],
      ['#/workspace', 'BackupsView'],
      ['#/recommenders', 'RecommendersView'],
    ] as const) {
      await page.evaluate((h) => {
        location.hash = h
      }, hash)
      await expect.poll(() => loaded(seen, screen), { message: `${screen} after ${hash}` }).toBe(true)
    }
    // The review's code still has not been fetched: no document was reviewed.
    expect(loaded(seen, 'ReviewView')).toBe(false)
  })

  test('the scripts are minified: long lines, no indentation left', async ({ page, request }) => {
    const seen = scripts(page)
    await page.goto(app.url)
    await expect(page.getByTestId('library-summary')).toContainText('5 documents')
    const entry = seen.find((name) => name.startsWith('index-'))
    expect(entry, 'the entry script').toBeTruthy()
    const body = await (await request.get(`${app.origin}/assets/${entry}`)).text()
    const lines = body.split('\n')
    expect(body.length).toBeGreaterThan(10_000)
    expect(body.length / lines.length, 'characters per line').toBeGreaterThan(1_000)
    expect(lines.filter((l) => /^\s{2,}\S/.test(l)).length, 'indented lines').toBeLessThan(5)
  })
})
