import { expect, test } from '@playwright/test'
import fs from 'node:fs'
import path from 'node:path'
import { postgresMissing } from '../helpers/postgresServer'
import { startApp } from './appServer'
import { apiCall, setAnnotatorViaApi } from './pageHelpers'
import { cliResult, connectAndSync, startE2eTeam } from './teamServer'
import type { E2eTeam } from './teamServer'

const missing = postgresMissing()
const cli = cliResult

test.describe('leaving a team from the Team screen, against a real PostgreSQL', () => {
  test.skip(!!missing, `needs PostgreSQL: ${missing}`)
  test.describe.configure({ timeout: 300_000 })
  let team: E2eTeam
  let dir = ''
  let url: Record<string, string> = {}
  const db = (name: string) => team.db(name)

  test.beforeAll(async () => {
    test.setTimeout(300_000)
    team = await startE2eTeam('teamleave', { lead: 'admin', bob: 'annotator' })
    ;({ dir, url } = team)
    const docs = path.join(dir, 'docs.jsonl')
    fs.writeFileSync(docs, JSON.stringify({ id: 'news-1', text: 'The United Nations met in Geneva on Monday.', meta: { title: 'Summit' } }) + '\n')
    cli(dir, ['import', docs, '--db', db('lead')])
    cli(dir, ['sync', '--server', url.lead, '--db', db('lead')])
  })
  test.afterAll(() => {
    team?.pg.destroy()
  })

  test('Leave team asks first (Cancel is focused, Escape keeps everything), then leaves: the screen offers to connect again, the data stays, and a later sync rejoins', async ({ page }) => {
    const app = await startApp({ db: db('bob') })
    try {
      await setAnnotatorViaApi(app, 'bob')
      await page.goto(`${app.url}#/team`)
      await connectAndSync(page, url.bob)
      // Bob labels Geneva (pushed by the next sync), then leaves before it runs: automatic sync off, so no tick of it
      // can push the label first on a slow machine (a CI run met one).
      await apiCall(app, 'team.autoSync', { seconds: null })
      const news = (await apiCall(app, 'documents.get', { externalId: 'news-1' })) as { id: number }
      await apiCall(app, 'spans.create', { documentId: news.id, annotator: 'bob', label: 'GPE', start: 25, end: 31 })

      // Asking first: the dialog says what stays; Escape (Cancel has the focus) keeps the team.
      await page.getByTestId('team-leave').click()
      const dialog = page.getByTestId('team-leave-dialog')
      await expect(dialog).toContainText('keeps its documents, annotations and gold')
      await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused()
      await page.keyboard.press('Escape')
      await expect(dialog).toHaveCount(0)
      await expect(page.getByTestId('team-sync')).toBeVisible()

      await page.getByTestId('team-leave').click()
      await page.getByTestId('team-leave-confirm').click()
      await expect(page.getByTestId('team-notice')).toHaveText(
        /^Left the team at 127\.0\.0\.1:\d+\/team\. Your documents and annotations are still here\. 1 change was never sent: kept, and sent if you join this team again\.$/,
      )
      await expect(page.getByTestId('team-connect')).toBeVisible()
      // The address is forgotten with the membership: nothing left to leave.
      await expect(page.getByTestId('team-leave')).toHaveCount(0)
    } finally {
      await app.stop()
    }
    // Out of the team: leaving again is refused in words; a sync rejoins, and the document is still there.
    expect(cli(dir, ['team', 'leave', '--db', db('bob')])).toMatchObject({ code: 1, err: expect.stringContaining('this workspace is not in a team') })
    expect(cli(dir, ['sync', '--server', url.bob, '--db', db('bob')])).toMatchObject({ code: 0, out: expect.stringMatching(/^pushed 1, pulled \d+, refused 0, conflicts 0/) })
    expect(cli(dir, ['export', '--db', db('bob'), '--format', 'jsonl', '--out', path.join(dir, 'bob.jsonl')]).code).toBe(0)
    expect(fs.readFileSync(path.join(dir, 'bob.jsonl'), 'utf8')).toMatch(/"id":"news-1".*"annotator":"bob".*"label":"GPE"/)
  })
})
