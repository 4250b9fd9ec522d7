// A failed CLI import printed its error alone: the `skipped PATH: reason` lines of the files it passed over were
// printed only when it succeeded, so a user fixing the bad line did not learn that other files were never read.
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { cliInProcess } from '../../../../helpers/cliInProcess'
import { tempStore } from '../../../../helpers/tempWorkspace'

function folderWithBadLine(dir: string): string {
  const folder = path.join(dir, 'corpus')
  fs.mkdirSync(folder)
  fs.writeFileSync(path.join(folder, 'README.md'), '# My corpus\n')
  fs.writeFileSync(path.join(folder, 'notes.docx'), 'PK')
  fs.writeFileSync(path.join(folder, 'data.jsonl'), `${JSON.stringify({ id: 'a', text: 'Kerry', spans: [{ start: 0, end: 40, label: 'PER' }] })}\n`)
  return folder
}

describe('a failed import still lists the files it passed over', () => {
  it('a bad line fails the import; the skipped lines come before the error', async () => {
    const { store, dir, file } = tempStore()
    store.close()
    const folder = folderWithBadLine(dir)
    const r = await cliInProcess(['import', folder, '--annotator', 'ann', '--add-labels', '--db', file])
    expect(r.code).toBe(1)
    const skipped = r.errors.filter((e) => e.startsWith('skipped '))
    expect(skipped).toEqual([
      `skipped ${path.join(folder, 'README.md')}: not a file the import reads (by its extension)`,
      `skipped ${path.join(folder, 'notes.docx')}: not a file the import reads (by its extension)`,
    ])
    const failed = r.errors.findIndex((e) => e.startsWith('spanwright import: import failed'))
    expect(failed).toBeGreaterThan(r.errors.indexOf(skipped[1]))
  })

  it('a second path that does not exist: the first folder\'s skipped files are still listed', async () => {
    const { store, dir, file } = tempStore()
    store.close()
    const folder = folderWithBadLine(dir)
    fs.rmSync(path.join(folder, 'data.jsonl'))
    fs.writeFileSync(path.join(folder, 'ok.txt'), 'Kerry met Michel.')
    const r = await cliInProcess(['import', folder, path.join(dir, 'missing.jsonl'), '--db', file])
    expect(r.code).toBe(1)
    expect(r.errors.join('\n')).toContain('missing.jsonl: no such file or folder')
    expect(r.errors).toContain(`skipped ${path.join(folder, 'README.md')}: not a file the import reads (by its extension)`)
  })
})
