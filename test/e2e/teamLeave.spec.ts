import { expect, test } from '@playwright/test'
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { postgresMissing, startPostgres } from '../helpers/postgresServer'
import type { PostgresServer } from '../helpers/postgresServer'
import { startApp } from './appServer'
import { apiCall, setAnnotatorViaApi } from './pageHelpers'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const missing = postgresMissing()

/** The CLI, as a user runs it: its output, or its error output when it fails. */
function cli(home: string, args: string[]): { code: number; out: string } {
  try {
    return { code: 0, out: execFileSync(process.execPath, [path.join(ROOT, 'bin', 'spanwright.mjs'), ...args], { encoding: 'utf8', env: { ...process.env, SPANWRIGHT_HOME: home }, stdio: 'pipe' }) }
  } catch (e) {
    const err = e as { status: number; stderr: string }
    return { code: err.status, out: err.stderr }
  }
}

test.describe('leaving a team from the Team screen, against a real PostgreSQL', () => {
  test.skip(!!missing, `needs PostgreSQL: ${missing}`)
  test.describe.configure({ timeout: 300_000 })
  let pg: PostgresServer
  let dir: string
  const url: Record<string, string> = {}
  const db = (name: string) => path.join(dir, `${name}.spanwright`)

  test.beforeAll(async () => {
    test.setTimeout(300_000)
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spanwright-e2e-teamleave-'))
    pg = await startPostgres()
    await pg.createDatabase('team')
    const admin = pg.url('team')
    cli(dir, ['team', 'init', '--server', admin])
    url.lead = cli(dir, ['team', 'add-annotator', 'lead', '--admin', '--server', admin]).out.trim()
    url.bob = cli(dir, ['team', 'add-annotator', 'bob', '--server', admin]).out.trim()
    const docs = path.join(dir, 'docs.jsonl')
    fs.writeFileSync(docs, JSON.stringify({ id: 'news-1', text: 'The United Nations met in Geneva on Monday.', meta: { title: 'Summit' } }) + '\n')
    cli(dir, ['import', docs, '--db', db('lead')])
    cli(dir, ['sync', '--server', url.lead, '--db', db('lead')])
  })
  test.afterAll(() => {
    pg?.destroy()
  })

  test('Leave team asks first (Cancel is focused, Escape keeps everything), then leaves: the screen offers to connect again, the data stays, and a later sync rejoins', async ({ page }) => {
    const app = await startApp({ db: db('bob') })
    try {
      await setAnnotatorViaApi(app, 'bob')
      await page.goto(`${app.url}#/team`)
      const u = new URL(url.bob)
      const connect = page.getByTestId('team-connect')
      await connect.getByLabel('Team server address').fill(`${u.username}@${u.hostname}:${u.port}${u.pathname}`)
      await connect.getByLabel('Password').fill(decodeURIComponent(u.password))
      await page.getByTestId('team-connect-button').click()
      await page.getByTestId('team-sync-now').click()
      await expect(page.getByTestId('team-status')).toContainText('Connected · synced')
      // Bob labels Geneva (pushed by the next sync), then leaves before it runs.
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
    expect(cli(dir, ['team', 'leave', '--db', db('bob')])).toEqual({ code: 1, out: expect.stringContaining('this workspace is not in a team') })
    expect(cli(dir, ['sync', '--server', url.bob, '--db', db('bob')])).toMatchObject({ code: 0, out: expect.stringMatching(/^pushed 1, pulled \d+, refused 0, conflicts 0/) })
    expect(cli(dir, ['export', '--db', db('bob'), '--format', 'jsonl', '--out', path.join(dir, 'bob.jsonl')]).code).toBe(0)
    expect(fs.readFileSync(path.join(dir, 'bob.jsonl'), 'utf8')).toMatch(/"id":"news-1".*"annotator":"bob".*"label":"GPE"/)
  })
})
