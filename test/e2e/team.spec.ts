import { expect, test } from '@playwright/test'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { postgresMissing } from '../helpers/postgresServer'
import type { PostgresServer } from '../helpers/postgresServer'
import { startApp } from './appServer'
import type { RunningApp } from './appServer'
import { setAnnotatorViaApi } from './pageHelpers'
import { cli, startE2eTeam, typedAddress } from './teamServer'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const SHOTS = path.join(ROOT, 'test/e2e/__screenshots__')
const missing = postgresMissing()

const DOCS = [
  { id: 'news-1', title: 'Summit in Geneva', text: 'The United Nations met in Geneva on Monday.' },
  { id: 'news-2', title: 'Lovelace and Babbage', text: 'Ada Lovelace worked with Charles Babbage in London.' },
  { id: 'news-3', title: 'Curie in Paris', text: 'Marie Curie joined the University of Paris.' },
  { id: 'news-4', title: 'Turing', text: 'Alan Turing was born in Maida Vale, London.' },
]

/** The CLI, as a user runs it. */
function listFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? listFiles(path.join(dir, e.name)) : [path.join(dir, e.name)]))
}

test.describe('the Team screen against a real PostgreSQL', () => {
  test.skip(!!missing, `needs PostgreSQL: ${missing}`)
  test.describe.configure({ timeout: 300_000 })
  let pg: PostgresServer
  let dir: string
  const url: Record<string, string> = {}
  const db = (name: string) => path.join(dir, `${name}.spanwright`)
  const address = (name: string) => typedAddress(url[name])

  test.beforeAll(async () => {
    test.setTimeout(300_000)
    const team = await startE2eTeam('teamui', { lead: 'admin', alice: 'annotator', bob: 'annotator' })
    ;({ pg, dir } = team)
    Object.assign(url, team.url)
    // The lead's workspace holds the documents; the lead's first sync gives them to the team.
    const docs = path.join(dir, 'docs.jsonl')
    fs.writeFileSync(docs, DOCS.map((d) => JSON.stringify({ id: d.id, text: d.text, meta: { title: d.title } })).join('\n') + '\n')
    cli(dir, ['import', docs, '--db', db('lead')])
    cli(dir, ['sync', '--server', url.lead, '--db', db('lead')])
    // Colleagues annotate on their own desktops and sync: their progress is what the lead sees.
    for (const [name, layer] of [
      ['alice', [{ doc: 'news-1', words: ['United Nations', 'Geneva'] }, { doc: 'news-2', words: ['Ada Lovelace', 'Charles Babbage', 'London'] }]],
      ['bob', [{ doc: 'news-1', words: ['Geneva'] }]],
    ] as const) {
      cli(dir, ['sync', '--server', url[name], '--db', db(name)])
      const file = path.join(dir, `${name}.jsonl`)
      const lines = layer.map(({ doc, words }) => {
        const text = DOCS.find((d) => d.id === doc)!.text
        const spans = words.map((w) => ({ start: [...text.slice(0, text.indexOf(w))].length, end: [...text.slice(0, text.indexOf(w) + w.length)].length, label: w === 'Geneva' || w === 'London' ? 'GPE' : w.includes(' ') && w !== 'United Nations' ? 'PERSON' : 'ORG' }))
        return JSON.stringify({ id: doc, text, annotator: name, spans })
      })
      fs.writeFileSync(file, lines.join('\n') + '\n')
      cli(dir, ['import', file, '--db', db(name)])
      cli(dir, ['sync', '--server', url[name], '--db', db(name)])
    }
  })
  test.afterAll(() => {
    pg?.destroy()
  })

  test("a lead connects, syncs, sees colleagues' progress and assigns a document; the annotator's library lists it first", async ({ page }) => {
    let app: RunningApp | null = await startApp({ db: db('lead') })
    try {
      await setAnnotatorViaApi(app, 'lead')
      await page.goto(app.url)
      await page.getByTestId('open-team').click()
      const connect = page.getByTestId('team-connect')
      await expect(connect).toBeVisible()
      // Browser mode says where the password goes.
      await expect(page.getByTestId('team-password-note')).toContainText('memory of this Spanwright server process only')
      await connect.getByLabel('Team server address').fill(address('lead').where)
      await connect.getByLabel('Password').fill('not-the-password')
      await page.getByTestId('team-connect-button').click()
      await expect(page.getByTestId('team-connect-error')).toContainText('wrong password')
      await page.screenshot({ path: path.join(SHOTS, 'team-connect.png') })

      await connect.getByLabel('Password').fill(address('lead').password)
      await page.getByTestId('team-connect-button').click()
      await expect(page.getByTestId('team-sync')).toBeVisible()
      await expect(page.getByTestId('team-where')).toHaveText(address('lead').where)
      await page.getByTestId('team-sync-now').click()
      await expect(page.getByTestId('team-status')).toContainText('Connected · synced')
      await expect(page.getByTestId('team-pending')).toHaveText('0')

      // Colleagues' progress, as the server counts it.
      const table = page.getByTestId('team-progress-table')
      await expect(table.locator('tr[data-annotator="alice"] [data-testid="progress-spans"]')).toHaveText('5')
      await expect(table.locator('tr[data-annotator="bob"] [data-testid="progress-spans"]')).toHaveText('1')

      // Assign news-3 to alice.
      const assign = page.getByTestId('team-assign')
      await assign.locator('tr[data-document="news-3"] input[type="checkbox"]').check()
      await expect(page.getByTestId('team-picked')).toHaveText('1 selected')
      await page.getByTestId('team-assign-to').selectOption('alice')
      await page.getByTestId('team-assign-button').click()
      await expect(page.getByTestId('team-assign-notice')).toHaveText('Assigned 1 document to alice.')
      await expect(assign.locator('tr[data-document="news-3"] [data-testid="assignees"]')).toHaveText('alice')
      await expect(table.locator('tr[data-annotator="alice"] [data-testid="progress-assigned"]')).toHaveText('0 / 1')
      // Alice's desktop has not pulled it yet: the server knows how far each desktop pulled (team schema 8).
      await expect(table.locator('tr[data-annotator="alice"] [data-testid="progress-not-pulled"]')).toHaveText('1 assigned, not pulled yet')
      await page.screenshot({ path: path.join(SHOTS, 'team.png'), fullPage: true })
      await page.evaluate(() => (document.documentElement.dataset.theme = 'dark'))
      await page.screenshot({ path: path.join(SHOTS, 'team-dark.png'), fullPage: true })
      await page.evaluate(() => (document.documentElement.dataset.theme = 'light'))

      // Every 10 s; the server goes away: the screen says so in plain words, and catches up when it is back.
      await page.getByTestId('team-auto-sync').selectOption('10')
      await expect(page.getByTestId('team-status')).toContainText('next sync in')
      pg.stop()
      try {
        await expect(page.getByTestId('team-status')).toContainText(/Server unreachable, retrying in \d+ s/, { timeout: 30_000 })
        await expect(page.getByTestId('team-sync-error')).toContainText('not reachable')
        await page.screenshot({ path: path.join(SHOTS, 'team-unreachable.png') })
      } finally {
        pg.start()
      }
      await expect(page.getByTestId('team-status')).toContainText('Connected · synced', { timeout: 30_000 })
      await expect(page.getByTestId('team-sync-error')).toHaveCount(0)

      // The password is nowhere on disk: not in the workspace (file, WAL, backups), not in the config folder.
      const secret = Buffer.from(address('lead').password)
      for (const f of [...listFiles(dir).filter((f) => path.basename(f).startsWith('lead.spanwright') || f.includes(`${path.sep}backups${path.sep}`)), ...listFiles(app.dir)])
        expect(fs.readFileSync(f).includes(secret), f).toBe(false)
    } finally {
      await app.stop()
      app = null
    }

    // Alice's desktop pulls the assignment; her library lists it first, marked.
    cli(dir, ['sync', '--server', url.alice, '--db', db('alice')])
    const aliceApp = await startApp({ db: db('alice') })
    try {
      await setAnnotatorViaApi(aliceApp, 'alice')
      await page.goto(aliceApp.url)
      const rows = page.locator('table tbody tr[data-document]')
      await expect(rows.first()).toHaveAttribute('data-document', 'news-3')
      await expect(rows.first().getByTestId('assigned-to-me')).toBeVisible()
      await expect(page.getByTestId('assigned-to-me')).toHaveCount(1)
      await page.getByLabel('Documents assigned to me').selectOption('only')
      await expect(rows).toHaveCount(1)
      await expect(page.getByTestId('library-summary')).toContainText('1 document match')
      await page.screenshot({ path: path.join(SHOTS, 'team-assigned-library.png') })
    } finally {
      await aliceApp.stop()
    }
  })
})
