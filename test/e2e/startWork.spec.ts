// What a document's start does before `spanwright:document-ready` (issue 12 §2: a 150 ms start), and what waits
// until the first screen is painted. A page's first Intl object loads ICU's data (10-50 ms measured in Chromium), so
// none is made before the document is ready; the word segmenter that token snapping uses is made once the page is
// idle after it, so the first hotkey does not wait for it either.
import { expect, test } from '@playwright/test'
import { appPerDescribe } from './fixtures'
import { apiCall, labelByKey } from './pageHelpers'

const KERRY = '001_5a98d8623b08ebb0'

/** Records every Intl constructor call: which one, and whether the document was ready then. */
const RECORD_INTL = `
  window.__intl = []
  for (const kind of ['DateTimeFormat', 'Segmenter', 'NumberFormat', 'Collator', 'PluralRules', 'RelativeTimeFormat', 'ListFormat']) {
    const real = Intl[kind]
    if (typeof real !== 'function') continue
    Intl[kind] = new Proxy(real, {
      construct(target, args, newTarget) {
        window.__intl.push({ kind, ready: performance.getEntriesByName('spanwright:document-ready').length > 0 })
        return Reflect.construct(target, args, newTarget)
      },
      apply(target, self, args) {
        window.__intl.push({ kind, ready: performance.getEntriesByName('spanwright:document-ready').length > 0 })
        return Reflect.apply(target, self, args)
      },
    })
  }
`
type IntlCall = { kind: string; ready: boolean }

test.describe('a document start: the work before ready', () => {
  const app = appPerDescribe({ annotator: 'alice' })

  test('no Intl object is made before the document is ready; the word segmenter is made once idle; a hotkey right after ready labels', async ({ page }) => {
    await page.addInitScript(RECORD_INTL)
    await page.goto(`${app.url}#/documents/${KERRY}`)
    await page.locator('[data-document-ready="true"]').waitFor()
    const atReady = await page.evaluate(() => (window as unknown as { __intl: IntlCall[] }).__intl.filter((c) => !c.ready))
    expect(atReady).toEqual([])
    // Made after the first paint, once the page is idle (within its 2 s timeout), without any input.
    await expect.poll(() => page.evaluate(() => (window as unknown as { __intl: IntlCall[] }).__intl.map((c) => c.kind))).toContain('Segmenter')
    // The keyboard works: a selection inside a word grows to the word (token snapping uses the segmenter) and is labelled.
    const id = await labelByKey(page, 'ohn Kerr', 'p')
    await expect(page.locator(`[data-span-id="${id}"]`)).toHaveText('John Kerry')
  })

  test('the app\'s scripts are asked for before the boot script runs, and the boot script still runs before the app', async ({ page }) => {
    await page.goto(`${app.url}#/documents/${KERRY}`)
    await page.locator('[data-document-ready="true"]').waitFor()
    const t = await page.evaluate(() => {
      const started = (part: string, ext = '') => performance.getEntriesByType('resource').find((e) => e.name.includes(part) && e.name.endsWith(ext))?.startTime ?? Number.NaN
      return { appScript: started('/assets/index-'), react: started('/assets/react-'), styleSheet: started('/assets/index-', '.css'), firstRead: started('/api/app.info'), appStart: performance.getEntriesByName('spanwright:app-start')[0].startTime }
    })
    // The style sheet too (preloaded): the app's module script waits for it, and its <link> comes after the boot script.
    expect(t.styleSheet).toBeLessThanOrEqual(t.firstRead)
    // The boot script's first read (app.info) is asked for as it runs: the app's scripts were asked for before it.
    expect(t.appScript).toBeLessThanOrEqual(t.firstRead)
    expect(t.react).toBeLessThanOrEqual(t.firstRead)
    expect(t.firstRead).toBeLessThan(t.appStart)
  })

  test('the theme is set while the page is still being parsed (the boot script), and a stored choice applies', async ({ page }) => {
    // Records the readyState at each change of <html data-theme>: the boot script runs during parsing ('loading'),
    // the app's module script after it.
    await page.addInitScript(`
      window.__themeSets = []
      new MutationObserver(() => window.__themeSets.push({ theme: document.documentElement.dataset.theme, state: document.readyState }))
        .observe(document, { subtree: true, attributes: true, attributeFilter: ['data-theme'] })
      if (location.search.includes('dark')) localStorage.setItem('spanwright:theme', 'dark')
    `)
    type ThemeSet = { theme: string; state: string }
    await page.goto(`${app.url}#/documents/${KERRY}`)
    await page.locator('[data-document-ready="true"]').waitFor()
    const light = await page.evaluate(() => (window as unknown as { __themeSets: ThemeSet[] }).__themeSets)
    expect(light[0]).toEqual({ theme: 'light', state: 'loading' })
    await page.goto(`${app.url.replace('?', '?dark=1&')}#/documents/${KERRY}`)
    await page.locator('[data-document-ready="true"]').waitFor()
    const dark = await page.evaluate(() => (window as unknown as { __themeSets: ThemeSet[] }).__themeSets)
    expect(dark[0]).toEqual({ theme: 'dark', state: 'loading' })
    await expect(page.getByRole('switch', { name: 'Dark theme' })).toHaveAttribute('aria-checked', 'true')
  })

  test('a second start asks for the layer of the last start\'s annotator while app.info is still out, and paints it; one layer read', async ({ page }) => {
    await page.goto(`${app.url}#/documents/${KERRY}`)
    await page.locator('[data-document-ready="true"]').waitFor()
    // The second start in this tab's origin: app.info is held until the layer has been asked for (or 5 s have passed).
    const layers: unknown[] = []
    page.on('request', (r) => {
      if (new URL(r.url()).pathname === '/api/annotations.get') layers.push(r.postDataJSON())
    })
    let layerAsked: () => void = () => undefined
    const layerRequest = new Promise<string>((resolve) => (layerAsked = () => resolve('layer first')))
    page.on('request', (r) => new URL(r.url()).pathname === '/api/annotations.get' && layerAsked())
    let held: string | null = null
    await page.route('**/api/app.info', async (route) => {
      held = await Promise.race([layerRequest, new Promise<string>((resolve) => setTimeout(() => resolve('app.info first'), 5_000))])
      await route.continue()
    })
    await page.goto(`${app.url}#/documents/${KERRY}`)
    await page.locator('[data-document-ready="true"]').waitFor()
    expect(held).toBe('layer first')
    expect(layers).toEqual([{ externalId: KERRY, annotator: 'alice' }])
  })

  test('a remembered annotator who is not the session\'s: the session\'s layer is painted, not the remembered one\'s', async ({ page }) => {
    const doc = (await apiCall(app, 'documents.get', { externalId: KERRY })) as { id: number; text: string }
    const at = (word: string) => doc.text.indexOf(word)
    await apiCall(app, 'spans.create', { documentId: doc.id, annotator: 'bob', label: 'GPE', start: at('Belgium'), end: at('Belgium') + 7 })
    await page.addInitScript("localStorage.setItem('spanwright:last-annotator', 'bob')")
    const layers: unknown[] = []
    page.on('request', (r) => {
      if (new URL(r.url()).pathname === '/api/annotations.get') layers.push(r.postDataJSON())
    })
    await page.goto(`${app.url}#/documents/${KERRY}`)
    await page.locator('[data-document-ready="true"]').waitFor()
    // alice's layer (the session's): bob's span is not painted.
    await expect(page.locator('[data-span-id][data-label="GPE"]')).toHaveCount(0)
    expect(layers).toContainEqual({ externalId: KERRY, annotator: 'alice' })
  })
})
