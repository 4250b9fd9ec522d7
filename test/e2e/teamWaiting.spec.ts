import { expect, test } from '@playwright/test'
import fs from 'node:fs'
import path from 'node:path'
import { postgresMissing } from '../helpers/postgresServer'
import { startApp } from './appServer'
import { setAnnotatorViaApi } from './pageHelpers'
import { cli, connectAndSync, startE2eTeam } from './teamServer'
import type { E2eTeam } from './teamServer'

const missing = postgresMissing()

/**
 * A member imports documents the team does not have: the Team screen shows
 * one line saying how many layers wait for how many documents an admin has
 * not added, counts none of them as pending or refused, and the line goes
 * once an admin has added the documents and the member syncs.
 */
test.describe('the Team screen: layers waiting for documents an admin has not added', () => {
  test.skip(!!missing, `needs PostgreSQL: ${missing}`)
  test.describe.configure({ timeout: 300_000 })
  let team: E2eTeam
  let dir = ''
  let url: Record<string, string> = {}
  const db = (name: string) => team.db(name)
  const corpus = (annotator: string | null) => {
    const file = path.join(dir, `${annotator ?? 'corpus'}.jsonl`)
    const lines = [0, 1, 2].map((i) => JSON.stringify({ id: `field-${i}`, text: `Grace Hopper wrote note ${i} in Arlington.`, ...(annotator ? { annotator, spans: [{ start: 0, end: 12, label: 'PERSON' }] } : {}) }))
    fs.writeFileSync(file, `${lines.join('\n')}\n`)
    return file
  }

  test.beforeAll(async () => {
    test.setTimeout(300_000)
    team = await startE2eTeam('teamwaiting', { lead: 'admin', bob: 'annotator' })
    ;({ dir, url } = team)
    team.sync('lead')
    team.sync('bob')
    cli(dir, ['import', corpus('bob'), '--db', db('bob')])
  })
  test.afterAll(() => {
    team?.pg.destroy()
  })

  test('one summary line while they wait; sent by the first sync after the lead adds the documents', async ({ page }) => {
    const app = await startApp({ db: db('bob') })
    try {
      await setAnnotatorViaApi(app, 'bob')
      await page.goto(app.url)
      await page.getByTestId('open-team').click()
      await connectAndSync(page, url.bob)
      await expect(page.getByTestId('team-waiting')).toHaveText(
        '3 layers wait for 3 documents an admin has not added to the team; they are not sent until an admin adds them, then the next sync sends them.',
      )
      await expect(page.getByTestId('team-pending')).toHaveText('0')
      await expect(page.getByTestId('team-refused')).toHaveText('0')
      // The server knows it too (team schema 8): the progress table, as every member and admin sees it.
      const bobRow = page.locator('[data-testid="team-progress-table"] tr[data-annotator="bob"]')
      await expect(bobRow.getByTestId('progress-waiting')).toHaveText('waits for 3 documents')

      // The lead adds the same documents (an admin's sync sends the documents it imported).
      cli(dir, ['import', corpus(null), '--db', db('lead')])
      expect(cli(dir, ['sync', '--server', url.lead, '--db', db('lead')])).toMatch(/^pushed 0, pulled 0, refused 0, conflicts 0$/m)
      await page.getByTestId('team-sync-now').click()
      await expect(page.getByTestId('team-last-result')).toContainText('Last sync: sent 3')
      await expect(page.getByTestId('team-waiting')).toHaveCount(0)
      await expect(page.getByTestId('team-pending')).toHaveText('0')
      await expect(bobRow.getByTestId('progress-waiting')).toHaveCount(0)
    } finally {
      await app.stop()
    }
    expect(cli(dir, ['team', 'status', '--server', url.lead])).toMatch(/bob: .* 3 layers, 3 spans/)
  })
})
