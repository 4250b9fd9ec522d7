import { expect, test } from '@playwright/test'
import type { Page } from '@playwright/test'
import type { RunningApp } from './appServer'
import { appPerDescribe } from './fixtures'
import { apiCall, openDocument } from './pageHelpers'

const KERRY = '001_5a98d8623b08ebb0'
const RAIDS = '000_7488830be606d235'
const BOMBER = '004_431530a2f7e39217'

interface Doc {
  id: number
  text: string
}

/** Creates alice's span over the n-th occurrence of `needle` through the API, as the editor would. */
async function spanOver(app: RunningApp, doc: Doc, needle: string, label: string, nth = 0): Promise<number> {
  let at = -1
  for (let i = 0; i <= nth; i++) at = doc.text.indexOf(needle, at + 1)
  if (at < 0) throw new Error(`not in the document: ${needle}`)
  const span = (await apiCall(app, 'spans.create', { documentId: doc.id, annotator: 'alice', label, start: at, end: at + needle.length })) as { id: number }
  return span.id
}

const doc = (app: RunningApp, externalId: string) => apiCall(app, 'documents.get', { externalId }) as Promise<Doc>

async function openSchema(page: Page, app: RunningApp): Promise<void> {
  await page.goto(app.url)
  await page.getByRole('link', { name: 'Schema' }).click()
  await expect(page.locator('[data-testid="schema-editor"]')).toBeVisible()
}

test.describe('schema editor and library', () => {
  const app = appPerDescribe({ annotator: 'alice' })

  test('renaming a label in the schema editor keeps its spans, under the new name', async ({ page }) => {
    const kerry = await doc(app, KERRY)
    await spanOver(app, kerry, 'John Kerry', 'PERSON')
    await spanOver(app, kerry, 'Charles Michel', 'PERSON')

    await openSchema(page, app)
    const entities = page.locator('[data-testid="entity-labels"]')
    await expect(entities.locator('tr[data-label]')).toHaveCount(8)
    await expect(entities.locator('tr[data-label="PERSON"] [data-testid="label-usage"]')).toHaveText('2')
    const name = page.getByLabel('Name of PERSON', { exact: true })
    await name.fill('PER')
    await name.press('Enter')
    await expect(entities.locator('tr[data-label="PER"]')).toHaveCount(1)
    await expect(entities.locator('tr[data-label="PERSON"]')).toHaveCount(0)
    // The relation constraints follow the rename.
    await expect(page.locator('[data-testid="relation-labels"] tr[data-label="AFFILIATED_WITH"]')).toContainText('PER')

    // Re-key and describe; a taken key is refused with the owner named, and the field reverts.
    const key = page.getByLabel('Key of PER', { exact: true })
    await key.fill('o')
    await key.press('Enter')
    await expect(page.getByRole('alert')).toContainText('already taken by ORG')
    await expect(key).toHaveValue('p')
    await key.fill('k')
    await key.press('Enter')
    await expect(page.locator('.schema-saved')).toBeVisible()

    // Give a relation a narrower head through the picker, and an entity an attribute.
    await page.locator('[data-testid="relation-labels"] tr[data-label="PART_OF"]').getByRole('button', { name: 'head types' }).click()
    await page.getByRole('listbox', { name: 'Allowed head types' }).getByLabel('ORG').check()
    await expect(page.locator('[data-testid="relation-labels"] tr[data-label="PART_OF"] .chip-label')).toHaveText(['ORG'])
    await page.keyboard.press('Escape')
    await page.getByRole('button', { name: 'Edit attributes of PER', exact: true }).click()
    await page.getByRole('button', { name: '+ Attribute' }).click()
    const editor = page.getByRole('group', { name: 'Attributes of PER' })
    await editor.getByLabel('Attribute name').last().fill('role')
    await editor.getByLabel('Attribute type').last().selectOption('enum')
    await editor.getByLabel('Enum values').last().fill('speaker, mentioned, speaker')
    await page.getByRole('button', { name: 'Save attributes' }).click()
    await expect(entities.locator('tr[data-label="PER"] .attr-chip').last()).toHaveText('rolespeaker|mentioned')
    // The page scrolls inside the app's main pane: show the whole schema from the top.
    await page.setViewportSize({ width: 1400, height: 1060 })
    await page.locator('.main').evaluate((el) => el.scrollTo(0, 0))
    await page.screenshot({ path: 'test/e2e/__screenshots__/schema-editor.png' })
    await page.setViewportSize({ width: 1400, height: 900 })

    const labels = (await apiCall(app, 'schema.list', {})) as { name: string; hotkey: string | null; headTypes: string[]; attributes: unknown[] }[]
    const per = labels.find((l) => l.name === 'PER')!
    expect(per.hotkey).toBe('k')
    expect(per.attributes.at(-1)).toEqual({ name: 'role', type: 'enum', values: ['speaker', 'mentioned'] })
    expect(labels.find((l) => l.name === 'PART_OF')!.headTypes).toEqual(['ORG'])

    await openDocument(page, app.origin, KERRY)
    const spans = page.locator('[data-span-id][data-label="PER"]')
    await expect(spans).toHaveCount(2)
    await expect(spans.first()).toHaveText('John Kerry')
  })

  test('deleting a label in use asks first, states the counts, and removes them only on confirm', async ({ page }) => {
    await openSchema(page, app)
    await page.getByLabel('Name of the new entity label').fill('WEAPON')
    await page.getByLabel('Key of the new entity label').fill('w')
    await page.getByRole('button', { name: 'Add entity label' }).click()
    await expect(page.locator('[data-testid="entity-labels"] tr[data-label="WEAPON"]')).toHaveCount(1)

    const raids = await doc(app, RAIDS)
    const a = await spanOver(app, raids, 'explosive', 'WEAPON')
    await spanOver(app, raids, 'blasts', 'WEAPON')
    const police = await spanOver(app, raids, 'police', 'ORG')
    // PART_OF's head was narrowed to ORG above; its tail allows any type.
    await apiCall(app, 'relations.create', { documentId: raids.id, annotator: 'alice', label: 'PART_OF', headId: police, tailId: a })

    await page.reload()
    await page.getByRole('button', { name: 'Delete WEAPON' }).click()
    const dialog = page.getByRole('dialog')
    await expect(dialog).toContainText('Delete entity label WEAPON?')
    await expect(dialog.getByTestId('delete-counts')).toContainText('2 spans and 1 relation from')
    await dialog.getByRole('button', { name: 'Cancel' }).click()
    await expect(dialog).toHaveCount(0)
    expect(((await apiCall(app, 'annotations.get', { documentId: raids.id, annotator: 'alice' })) as { spans: unknown[] }).spans).toHaveLength(3)

    await page.getByRole('button', { name: 'Delete WEAPON' }).click()
    await page.getByRole('dialog').getByRole('button', { name: 'Delete WEAPON and its annotations' }).click()
    await expect(page.locator('[data-testid="entity-labels"] tr[data-label="WEAPON"]')).toHaveCount(0)
    const after = (await apiCall(app, 'annotations.get', { documentId: raids.id, annotator: 'alice' })) as { spans: { label: string }[]; relations: unknown[] }
    expect(after.spans.map((s) => s.label)).toEqual(['ORG'])
    expect(after.relations).toHaveLength(0)
  })

  test('the library filters by status and by label, and searches the body text', async ({ page }) => {
    // By now alice has PER spans in KERRY (in progress) and an ORG span in RAIDS; mark RAIDS done.
    const raids = await doc(app, RAIDS)
    await apiCall(app, 'documents.setStatus', { documentId: raids.id, annotator: 'alice', status: 'done' })
    await page.goto(app.url)
    const rows = page.locator('[data-testid="library"] tbody tr[data-document]')
    await expect(rows).toHaveCount(5)
    await expect(page.locator(`tr[data-document="${KERRY}"] [data-testid="span-count"]`)).toHaveText('2')
    await expect(page.locator(`tr[data-document="${KERRY}"] [data-testid="doc-status"]`)).toHaveText('In progress')
    await expect(page.locator(`tr[data-document="${RAIDS}"] [data-testid="doc-status"]`)).toHaveText('Done')
    await page.screenshot({ path: 'test/e2e/__screenshots__/library.png', fullPage: true })

    const tabs = page.getByRole('tablist', { name: 'Filter by status' })
    await tabs.getByRole('tab', { name: /Done/ }).click()
    await expect(rows).toHaveCount(1)
    await expect(rows.first()).toHaveAttribute('data-document', RAIDS)
    await tabs.getByRole('tab', { name: /In progress/ }).click()
    await expect(rows).toHaveCount(1)
    await expect(rows.first()).toHaveAttribute('data-document', KERRY)
    await tabs.getByRole('tab', { name: /To do/ }).click()
    await expect(rows).toHaveCount(3)
    await tabs.getByRole('tab', { name: /All/ }).click()

    await page.getByLabel('Filter by label').selectOption('PER')
    await expect(rows).toHaveCount(1)
    await expect(rows.first()).toHaveAttribute('data-document', KERRY)
    await page.getByLabel('Filter by label').selectOption('ORG')
    await expect(rows).toHaveCount(1)
    await expect(rows.first()).toHaveAttribute('data-document', RAIDS)
    await page.getByLabel('Filter by label').selectOption('GPE')
    await expect(page.locator('[data-testid="library"] .empty')).toContainText('No documents match')
    await page.getByLabel('Filter by label').selectOption('')

    // A surname that appears only deep in one article's body, not in any title.
    await page.getByLabel('Search documents').fill('zariouh')
    await expect(rows).toHaveCount(1)
    await expect(rows.first()).toHaveAttribute('data-document', BOMBER)
    await expect(rows.first().getByTestId('snippet').locator('mark')).toHaveText('Zariouh')
    await expect(rows.first().getByTestId('snippet')).toContainText('identified as Oussama')

    await page.getByLabel('Search documents').fill('police')
    await expect(rows).toHaveCount(4)
    await expect(page.locator('[data-testid="snippet"] mark').first()).toHaveText(/police/i)
    await page.screenshot({ path: 'test/e2e/__screenshots__/library-search.png', fullPage: true })
  })
})
