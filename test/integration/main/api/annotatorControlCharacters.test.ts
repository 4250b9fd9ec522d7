import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { dispatch } from '../../../../src/main/api/dispatch'
import { createHandlers } from '../../../../src/main/api/handlerTable'
import { importFiles } from '../../../../src/main/services/import/importFiles'
import { tempStore } from '../../../helpers/tempWorkspace'

/**
 * Found by a hostile-request run on `spanwright serve`: session.setAnnotator took "a\u0000b", and an import took an
 * annotator named with an ESC sequence, which `spanwright agreement` and `review status` then print to a terminal
 * (where it is a command). Control characters are refused in annotator names, by the API and by every import.
 */
describe('an annotator name with control characters', () => {
  it('is refused by the API (NUL, ESC, DEL, U+0085) and by an import, naming the file and line; nothing is written', async () => {
    const t = tempStore()
    const h = createHandlers({ store: t.store, version: 't', transport: 'http' })
    for (const name of ['a\u0000b', 'red\u001b[31m', 'a\u007f', 'a\u0085b']) {
      const r = await dispatch(h, 'session.setAnnotator', { name })
      expect(!r.ok && r.error.message, JSON.stringify(name)).toMatch(/name: an annotator name cannot contain whitespace, slashes or control characters/)
    }
    expect((await dispatch(h, 'session.setAnnotator', { name: 'Zoë' })).ok).toBe(true)
    const file = join(t.dir, 'esc.jsonl')
    writeFileSync(file, JSON.stringify({ id: 'd1', text: 'Kerry.', annotator: 'x\u001b]0;owned\u0007', spans: [{ start: 0, end: 5, label: 'PERSON' }] }) + '\n')
    await expect(importFiles(t.store, [file], { annotator: null })).rejects.toThrow(/esc\.jsonl:1: annotator "x\\u001b\]0;owned\\u0007" is not a valid annotator name \(no whitespace, slashes or control characters/)
    expect(t.store.documents.byExternalId('d1')).toBeNull()
    t.store.close()
  })
})
