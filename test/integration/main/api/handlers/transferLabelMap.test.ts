// The import dialog's label renames (`labelMap`) refused through the API name the field, not the CLI's --map-label.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { dispatch } from '../../../../../src/main/api/dispatch'
import { createHandlers } from '../../../../../src/main/api/handlerTable'
import { tempStore } from '../../../../helpers/tempWorkspace'

describe('transfer.preview and transfer.import: a bad labelMap', () => {
  it('is a bad_request naming labelMap, with the pair and the reason, for every kind of fault', async () => {
    const { store, dir } = tempStore()
    const file = join(dir, 'a.jsonl')
    writeFileSync(file, JSON.stringify({ id: 'd', text: 'Kerry.', annotator: 'a', spans: [{ start: 0, end: 5, label: 'Named Entity' }] }) + '\n')
    const h = createHandlers({ store, version: 't', transport: 'http' })
    const cases: [string[], string][] = [
      [['=X'], 'labelMap: rename "=X": write it FROM=TO'],
      [['A=B', 'A=C'], 'labelMap: "A" is mapped to both "B" and "C"'],
      [['A=has space'], 'labelMap: rename "A=has space": "has space" cannot be a label'],
    ]
    for (const [labelMap, message] of cases) {
      for (const method of ['transfer.preview', 'transfer.import']) {
        const r = await dispatch(h, method, { paths: [file], labelMap })
        expect(r, `${method} ${JSON.stringify(labelMap)}`).toMatchObject({ ok: false, error: { code: 'bad_request', details: { issues: [{ path: ['labelMap'] }] } } })
        const m = (r as { error: { message: string } }).error.message
        expect(m.startsWith(message), m).toBe(true)
        expect(m).not.toContain('--map-label')
      }
    }
    // Nothing was imported.
    expect(store.documents.byExternalId('d')).toBeNull()
    store.close()
  })
})
