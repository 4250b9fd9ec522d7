import { expect, test } from '@playwright/test'
import fs from 'node:fs'
import path from 'node:path'
import { postgresMissing } from '../helpers/postgresServer'
import { startApp } from './appServer'
import { apiCall, setAnnotatorViaApi } from './pageHelpers'
import { cliResult, startE2eTeam } from './teamServer'
import type { E2eTeam } from './teamServer'

const missing = postgresMissing()
const SHOTS = 'test/e2e/__screenshots__'

test.describe('restoring a backup in a team, against a real PostgreSQL', () => {
  test.skip(!!missing, `needs PostgreSQL: ${missing}`)
  test.describe.configure({ timeout: 120_000 })
  let team: E2eTeam
  test.beforeAll(async () => {
    test.setTimeout(120_000)
    team = await startE2eTeam('restoreunpushed', { lead: 'admin', bob: 'annotator' })
    const docs = path.join(team.dir, 'docs.jsonl')
    fs.writeFileSync(docs, JSON.stringify({ id: 'news-1', text: 'The United Nations met in Geneva on Monday.', meta: { title: 'Summit' } }) + '\n')
    cliResult(team.dir, ['import', docs, '--db', team.db('lead')])
    team.sync('lead')
    team.sync('bob')
  })
  test.afterAll(() => {
    team?.pg.destroy()
  })

  test('the screen says what the replaced workspace had not pushed and where it is, and restoring the kept copy brings it back to push', async ({ page }) => {
    const app = await startApp({ db: team.db('bob') })
    try {
      await setAnnotatorViaApi(app, 'bob')
      await page.goto(`${app.url}#/workspace`)
      await page.getByTestId('backup-now').click()
      await expect(page.getByTestId('workspace-notice')).toContainText('Backed up to')
      // After the backup bob labels Geneva, and restores the backup before any sync pushed it.
      const news = (await apiCall(app, 'documents.get', { externalId: 'news-1' })) as { id: number }
      await apiCall(app, 'spans.create', { documentId: news.id, annotator: 'bob', label: 'GPE', start: 25, end: 31 })
      await page.locator('[data-testid="backup-row"][data-reason="manual"]').getByTestId('restore-backup').click()
      await page.getByTestId('confirm-restore').click()

      const notice = page.getByTestId('unpushed-notice')
      await expect(notice).toContainText('had changes to 1 annotator layer that were not yet pushed to your team')
      await expect(notice).toContainText('They are not lost: they are in the copy kept before the restore (“Before restore”')
      await expect(notice).toContainText('restore that copy from this screen, then sync')
      const keptRow = page.locator('[data-testid="backup-row"].ws-row-kept')
      await expect(keptRow).toHaveAttribute('data-reason', 'before-restore')
      await expect(keptRow.getByTestId('kept-unpushed')).toHaveText('holds 1 annotator layer not pushed')
      await page.screenshot({ path: `${SHOTS}/backups-unpushed.png` })
      expect(((await apiCall(app, 'annotations.get', { documentId: news.id, annotator: 'bob' })) as { spans: unknown[] }).spans).toHaveLength(0)

      // The notice's button asks for that very copy, through the same confirmation.
      await page.getByTestId('restore-kept-copy').click()
      await expect(page.getByRole('dialog')).toContainText('Before restore')
      await page.getByTestId('confirm-restore').click()
      await expect(page.getByRole('dialog')).toHaveCount(0)
      await expect(page.getByTestId('workspace-notice')).toContainText('Restored the backup from')
      const spans = (await apiCall(app, 'annotations.get', { documentId: news.id, annotator: 'bob' })) as { spans: { label: string }[] }
      expect(spans.spans.map((s) => s.label)).toEqual(['GPE'])
    } finally {
      await app.stop()
    }
    // The restored copy pushes bob's label at its next sync.
    expect(team.sync('bob')).toMatch(/^pushed 1,/)
  })
})
