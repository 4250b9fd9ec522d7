import { expect, test } from '@playwright/test'
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { appPerDescribe } from './fixtures'
import { openDocument, selectText } from './pageHelpers'

const KERRY = '001_5a98d8623b08ebb0'

test.describe('backups screen', () => {
  const app = appPerDescribe({ annotator: 'alice' })

  test('back up, add a span, restore the backup through the confirmation: the span is gone and the replaced state is kept', async ({ page }) => {
    await page.goto(app.url)
    await page.getByTestId('open-backups').click()
    await expect(page.getByTestId('backups-view')).toBeVisible()
    await expect(page.getByTestId('workspace-path')).toHaveText(app.db)

    await page.getByTestId('backup-now').click()
    await expect(page.getByTestId('workspace-notice')).toContainText('Backed up to')
    const manual = page.locator('[data-testid="backup-row"][data-reason="manual"]')
    await expect(manual).toHaveCount(1)

    await openDocument(page, app.origin, KERRY)
    await selectText(page, 'John Kerry')
    await page.keyboard.press('p')
    await expect(page.locator('[data-span-id][data-label="PERSON"]')).toHaveText('John Kerry')
    // The span is painted pending at once: restore only after the store has it (the restore's kept copy holds it).
    await expect(page.locator('.article .sw-span--pending')).toHaveCount(0)

    await page.getByTestId('open-backups').click()
    await manual.getByTestId('restore-backup').click()
    const dialog = page.getByRole('dialog')
    await expect(dialog).toContainText('backed up first')
    await expect(page.getByTestId('restore-explanation')).toContainText('replaced by this backup')
    await page.screenshot({ path: 'test/e2e/__screenshots__/backups-restore-dialog.png' })
    await page.getByTestId('confirm-restore').click()
    // A restore backs the current file up, copies the backup in and reopens the workspace in the API workers: seconds
    // under load (it took over 10 s at load average 23).
    await expect(dialog).toHaveCount(0, { timeout: 30_000 })
    await expect(page.getByTestId('workspace-notice')).toContainText('Restored the backup from')
    await expect(page.getByTestId('workspace-notice')).toContainText('before-restore')
    await expect(page.locator('[data-testid="backup-row"][data-reason="before-restore"]')).toHaveCount(1)
    await page.screenshot({ path: 'test/e2e/__screenshots__/backups.png' })

    await openDocument(page, app.origin, KERRY)
    await expect(page.locator('[data-span-id]')).toHaveCount(0)
    // New work lands in the restored workspace.
    await selectText(page, 'John Kerry')
    await page.keyboard.press('p')
    await expect(page.locator('[data-span-id][data-label="PERSON"]')).toHaveCount(1)
    await expect(page.locator('.article .sw-span--pending')).toHaveCount(0)
    await page.reload()
    await page.locator('[data-document-ready="true"]').waitFor()
    await expect(page.locator('[data-span-id][data-label="PERSON"]')).toHaveCount(1)
  })

  test('backup settings are edited, checked, saved and read back', async ({ page }) => {
    await page.goto(`${app.url}#/workspace`)
    const keep = page.getByTestId('backup-keep')
    const interval = page.getByTestId('backup-interval')
    const save = page.getByTestId('save-backup-settings')
    await expect(keep).toHaveValue('10')
    await expect(save).toBeDisabled()
    await keep.fill('0')
    await expect(page.getByTestId('backup-settings')).toContainText('must be between 1 and 500')
    await expect(save).toBeDisabled()
    await keep.fill('4')
    await interval.fill('5')
    await save.click()
    // Saving reopens the workspace (the rolling backups restart with the new settings), as a restore does.
    await expect(page.getByTestId('workspace-notice')).toContainText('Backup settings saved', { timeout: 30_000 })
    await page.reload()
    await expect(page.getByTestId('backup-keep')).toHaveValue('4')
    await expect(page.getByTestId('backup-interval')).toHaveValue('5')
  })
})

test('serve refuses a damaged workspace plainly: where it went, and a non-zero exit', () => {
  const dir = fs.mkdtempSync(path.join(process.env.TMPDIR ?? '/tmp', 'spanwright-e2e-damaged-'))
  const db = path.join(dir, 'w.spanwright')
  fs.writeFileSync(db, 'this is not a database; it is text overwriting one. '.repeat(40))
  const r = spawnSync(process.execPath, [path.resolve('bin/spanwright.mjs'), 'serve', '--db', db, '--port', '0'], {
    encoding: 'utf8',
    env: { ...process.env, SPANWRIGHT_HOME: dir },
    timeout: 30_000,
  })
  expect(r.status).toBe(1)
  expect(r.stderr).toContain('The workspace file is damaged.')
  const moved = fs.readdirSync(dir).find((n) => n.startsWith('w.spanwright.damaged-'))
  expect(moved).toBeDefined()
  expect(r.stderr).toContain(path.join(dir, moved!))
  expect(r.stdout).not.toContain('Spanwright at')
})
