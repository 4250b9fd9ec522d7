import { expect, test } from '@playwright/test'
import fs from 'node:fs'
import path from 'node:path'
import { postgresMissing } from '../helpers/postgresServer'
import { startApp } from './appServer'
import { apiCall, setAnnotatorViaApi } from './pageHelpers'
import { cli, startE2eTeam } from './teamServer'
import type { E2eTeam } from './teamServer'

const TEXT = 'The United Nations met in Geneva on Monday.'
const missing = postgresMissing()

/** The CLI, as a user runs it. */
async function withApp(db: string, edit: (app: { origin: string; token: string }, documentId: number) => Promise<void>): Promise<void> {
  const app = await startApp({ db })
  try {
    const review = (await apiCall(app, 'review.layers', { externalId: 'un-1' })) as { document: { id: number } }
    await edit(app, review.document.id)
  } finally {
    await app.stop()
  }
}

async function goldSpans(app: { origin: string; token: string }, documentId: number): Promise<{ id: number; label: string; start: number }[]> {
  return ((await apiCall(app, 'annotations.get', { documentId, annotator: 'gold' })) as { spans: { id: number; label: string; start: number }[] }).spans
}

test.describe('team sync conflicts in the review view', () => {
  test.skip(!!missing, `needs PostgreSQL: ${missing}`)
  test.describe.configure({ timeout: 300_000 })
  let team: E2eTeam
  const db = (name: string) => team.db(name)
  const sync = (name: string) => team.sync(name)

  test.beforeAll(async () => {
    test.setTimeout(300_000)
    team = await startE2eTeam('teamconflicts', { lead: 'admin', rita: 'reviewer', remy: 'reviewer' })
    const file = path.join(team.dir, 'doc.jsonl')
    fs.writeFileSync(file, `${JSON.stringify({ id: 'un-1', text: TEXT, meta: { title: 'UN' }, annotator: 'lead', spans: [] })}\n`)
    cli(team.dir, ['import', file, '--db', db('lead')])
    sync('lead')
    sync('rita')
    sync('remy')

    // Rita puts two items in gold; Remy pulls them.
    await withApp(db('rita'), async (app, documentId) => {
      await apiCall(app, 'spans.create', { documentId, annotator: 'gold', label: 'ORG', start: 4, end: 18 })
      await apiCall(app, 'spans.create', { documentId, annotator: 'gold', label: 'GPE', start: 26, end: 32 })
    })
    // Two spans, and the gold layer's status of the document.
    expect(sync('rita')).toMatch(/^pushed 3, /)
    sync('remy')
    // Both relabel both items; Rita syncs first, so both of Remy's edits come back as conflicts.
    await withApp(db('rita'), async (app, documentId) => {
      for (const s of await goldSpans(app, documentId)) await apiCall(app, 'spans.update', { id: s.id, label: s.start === 4 ? 'NORP' : 'LOC' })
    })
    await withApp(db('remy'), async (app, documentId) => {
      for (const s of await goldSpans(app, documentId)) await apiCall(app, 'spans.update', { id: s.id, label: s.start === 4 ? 'FAC' : 'FAC' })
    })
    sync('rita')
    expect(sync('remy')).toMatch(/^pushed 0, pulled \d+, refused 0, conflicts 2/)
  })
  test.afterAll(() => {
    team?.pg.destroy()
  })

  test('the reviewer sees both versions and resolves one conflict each way, by mouse and by keyboard', async ({ page }) => {
    const app = await startApp({ db: db('remy') })
    try {
      await setAnnotatorViaApi(app, 'remy')
      await page.goto(app.url)
      await page.goto(`${app.origin}/#/review/un-1`)
      await page.locator('[data-document-ready="true"]').waitFor()
      const panel = page.getByRole('region', { name: 'Sync conflicts' })
      await expect(panel.getByTestId('conflict')).toHaveCount(2)
      const un = panel.getByTestId('conflict').filter({ hasText: 'United Nations' })
      const geneva = panel.getByTestId('conflict').filter({ hasText: 'Geneva' })
      await expect(un.getByTestId('conflict-theirs')).toHaveText('NORP "United Nations" (4–18)')
      await expect(un.getByTestId('conflict-mine')).toHaveText('FAC "United Nations" (4–18)')
      await expect(geneva.getByTestId('conflict-theirs')).toHaveText('LOC "Geneva" (26–32)')
      await expect(geneva.getByTestId('conflict-mine')).toHaveText('FAC "Geneva" (26–32)')
      // The document shows the server's versions meanwhile.
      const gold = page.getByTestId('gold-list')
      await expect(gold).toContainText('NORP')
      await expect(gold).toContainText('LOC')

      // Keep the server's for United Nations (mouse).
      await un.getByRole('button', { name: 'Keep server’s' }).click()
      await expect(panel.getByTestId('conflict')).toHaveCount(1)
      // Take mine for Geneva (keyboard: focus the button, press Enter).
      await geneva.getByRole('button', { name: 'Keep server’s' }).focus()
      await page.keyboard.press('Tab')
      await expect(geneva.getByRole('button', { name: 'Take mine' })).toBeFocused()
      await page.keyboard.press('Enter')
      await expect(page.getByTestId('conflict-panel')).toHaveCount(0)
      await expect(gold.locator('li').filter({ hasText: 'Geneva' })).toContainText('FAC')
      await expect(gold.locator('li').filter({ hasText: 'United Nations' })).toContainText('NORP')
    } finally {
      await app.stop()
    }
    // The next sync pushes "mine" as a normal write; Rita's desktop then has the same gold.
    expect(sync('remy')).toMatch(/^pushed 1, pulled \d+, refused 0, conflicts 0/)
    sync('rita')
    expect(cli(team.dir, ['team', 'conflicts', '--db', db('remy')])).toBe('0 copies kept aside by sync\n')
    await withApp(db('rita'), async (app, documentId) => {
      expect((await goldSpans(app, documentId)).map((s) => `${s.label}@${s.start}`).sort()).toEqual(['FAC@26', 'NORP@4'])
    })
  })

  test("a conflict brought by the app's own background sync appears in the open review view, without reopening the document", async ({ page }) => {
    const app = await startApp({ db: db('remy') })
    try {
      await setAnnotatorViaApi(app, 'remy')
      await page.goto(app.url)
      await page.goto(`${app.origin}/#/review/un-1`)
      await page.locator('[data-document-ready="true"]').waitFor()
      await expect(page.getByTestId('conflict-panel')).toHaveCount(0)
      // A mark on the page: it must survive, so the panel was filled in place, not by opening the document again.
      await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true))
      const state = () => apiCall(app, 'team.state', {}) as Promise<{ connected: boolean; syncing: boolean; lastResult: unknown }>
      await apiCall(app, 'team.connect', { server: team.url.remy, password: '', autoSyncSeconds: null })
      const synced = async () => {
        const s = await state()
        return s.connected && !s.syncing && s.lastResult !== null
      }
      await expect.poll(synced, { timeout: 60_000 }).toBe(true)
      const doc = ((await apiCall(app, 'review.layers', { externalId: 'un-1' })) as { document: { id: number } }).document.id
      const remysGeneva = (await goldSpans(app, doc)).find((s) => s.start === 26)!
      await apiCall(app, 'spans.update', { id: remysGeneva.id, label: 'ORG' })
      // Rita changes the same item first, on her own desktop.
      await withApp(db('rita'), async (rita, documentId) => {
        const g = (await goldSpans(rita, documentId)).find((s) => s.start === 26)!
        await apiCall(rita, 'spans.update', { id: g.id, label: 'GPE' })
      })
      expect(sync('rita')).toMatch(/^pushed 1, /)
      // The app syncs (as its automatic sync does): the conflict reaches the view already open.
      const after = (await apiCall(app, 'team.syncNow', {})) as { problems: { conflicts: number } }
      expect(after.problems.conflicts).toBe(1)
      const panel = page.getByRole('region', { name: 'Sync conflicts' })
      await expect(panel.getByTestId('conflict')).toHaveCount(1, { timeout: 20_000 })
      await expect(panel.getByTestId('conflict-theirs')).toHaveText('GPE "Geneva" (26–32)')
      await expect(panel.getByTestId('conflict-mine')).toHaveText('ORG "Geneva" (26–32)')
      // The view read the document again: it shows the server's version the sync put in place.
      await expect(page.getByTestId('gold-list').locator('li').filter({ hasText: 'Geneva' })).toContainText('GPE')
      expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true)
      await apiCall(app, 'team.disconnect', {})
    } finally {
      await app.stop()
    }
  })
})
