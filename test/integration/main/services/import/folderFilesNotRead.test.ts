// `import FOLDER` on a researcher's corpus folder: beside the data, a README.md, images and brat's .conf files,
// and a .ann whose .txt is missing. The import reads the data and lists every other file with why, as it does for
// a ZIP of the same folder; before, a folder passed over them in silence.
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { cliInProcess } from '../../../../helpers/cliInProcess'
import { importFiles } from '../../../../../src/main/services/import/importFiles'
import { tempStore } from '../../../../helpers/tempWorkspace'

function corpus(dir: string): string {
  const folder = path.join(dir, 'my corpus é')
  fs.mkdirSync(path.join(folder, 'images'), { recursive: true })
  fs.writeFileSync(path.join(folder, 'README.md'), '# My corpus\n')
  fs.writeFileSync(path.join(folder, 'annotation.conf'), '[entities]\nPERSON\n')
  fs.writeFileSync(path.join(folder, 'images', 'figure.png'), Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'))
  fs.writeFileSync(path.join(folder, 'doc.txt'), 'Kerry met Michel in Brussels.')
  fs.writeFileSync(path.join(folder, 'doc.ann'), 'T1\tPERSON 0 5\tKerry\n')
  fs.writeFileSync(path.join(folder, 'orphan.ann'), 'T1\tPERSON 0 5\tKerry\n')
  return folder
}

describe('import FOLDER lists the files it does not read', () => {
  it('a README.md, an image, a .conf and a lone .ann are in report.skipped with why; the data is imported', async () => {
    const { store, dir } = tempStore()
    const folder = corpus(dir)
    const r = await importFiles(store, [folder], { annotator: 'ann', backup: false })
    expect(r.skipped).toEqual([
      { file: path.join(folder, 'README.md'), reason: 'not a file the import reads (by its extension)' },
      { file: path.join(folder, 'annotation.conf'), reason: "brat's configuration, not annotated documents: labels are read from the .ann files (add those the schema lacks with Add missing labels or --add-labels)" },
      { file: path.join(folder, 'images', 'figure.png'), reason: 'not a file the import reads (by its extension)' },
      { file: path.join(folder, 'orphan.ann'), reason: 'a brat .ann without its .txt (orphan.txt not found)' },
    ])
    expect(store.documents.count()).toBe(1)
    expect(store.documents.byExternalId('doc')?.text).toBe('Kerry met Michel in Brussels.')
    store.close()
  })

  it('the CLI prints each on stderr as `skipped PATH: reason`, and a folder of only such files is refused naming them', async () => {
    const { store, dir, file } = tempStore()
    store.close()
    const folder = corpus(dir)
    const r = await cliInProcess(['import', folder, '--db', file, '--annotator', 'ann'])
    expect(r.code).toBe(0)
    expect(r.errors).toContain(`skipped ${path.join(folder, 'README.md')}: not a file the import reads (by its extension)`)
    expect(r.errors).toContain(`skipped ${path.join(folder, 'images', 'figure.png')}: not a file the import reads (by its extension)`)

    const only = path.join(dir, 'only-images')
    fs.mkdirSync(only)
    fs.writeFileSync(path.join(only, 'a.png'), Buffer.from('89504e470d0a1a0a', 'hex'))
    const refused = await cliInProcess(['import', only, '--db', file])
    expect(refused.code).not.toBe(0)
    expect(refused.errors.join('\n')).toContain(`${only}: no importable files in this folder`)
    expect(refused.errors.join('\n')).toContain(`skipped ${path.join(only, 'a.png')}: not a file the import reads (by its extension)`)
  })
})

describe('import x.txt x.ann (both named, as a shell glob gives them)', () => {
  it('reads the brat document once: one record, its spans added once', async () => {
    const { store, dir, file } = tempStore()
    store.close()
    const folder = corpus(dir)
    const r = await cliInProcess(['import', path.join(folder, 'doc.txt'), path.join(folder, 'doc.ann'), '--db', file, '--annotator', 'ann'])
    expect(r.code).toBe(0)
    expect(r.lines.at(-1)).toMatch(/^imported 1 of 1 records?\b.*\b1 spans? \(0 already present\)/)
  })
})
