// `import FOLDER` meets entries that are not files: a named pipe (opening it would wait for a writer forever),
// broken symlinks, symlink loops, a symlink back up the tree. Each is listed in the report with why; none is opened,
// and a symlink that leads to a file or a new folder is followed.
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { main } from '../../../../../src/main/cli/main'
import { importFiles } from '../../../../../src/main/services/import/importFiles'
import { tempStore } from '../../../../helpers/tempWorkspace'

function corpus(dir: string): string {
  const folder = path.join(dir, 'corpus')
  fs.mkdirSync(path.join(folder, 'sub'), { recursive: true })
  fs.writeFileSync(path.join(folder, 'a.txt'), 'Ada wrote in London.')
  fs.writeFileSync(path.join(dir, 'outside.txt'), 'Grace wrote COBOL.')
  execFileSync('mkfifo', [path.join(folder, 'pipe.jsonl')])
  execFileSync('mkfifo', [path.join(folder, '.hidden-pipe')])
  fs.symlinkSync(path.join(dir, 'outside.txt'), path.join(folder, 'linked.txt'))
  fs.symlinkSync('missing.txt', path.join(folder, 'broken.txt'))
  fs.symlinkSync('loop-b', path.join(folder, 'loop-a'))
  fs.symlinkSync('loop-a', path.join(folder, 'loop-b'))
  fs.symlinkSync('..', path.join(folder, 'sub', 'up'))
  return folder
}

describe('import FOLDER: entries that are not files are listed with why, never opened', () => {
  it('a named pipe, a broken symlink, a symlink loop and a link back up are in report.skipped; a linked file is imported', async () => {
    const { store, dir } = tempStore()
    const folder = corpus(dir)
    const r = await importFiles(store, [folder], { annotator: null, backup: false })
    expect(r.skipped).toEqual([
      { file: path.join(folder, 'broken.txt'), reason: 'a broken symlink (what it points to does not exist)' },
      { file: path.join(folder, 'loop-a'), reason: 'a symlink loop (its links lead back to themselves)' },
      { file: path.join(folder, 'loop-b'), reason: 'a symlink loop (its links lead back to themselves)' },
      { file: path.join(folder, 'pipe.jsonl'), reason: 'a named pipe, never opened' },
      { file: path.join(folder, 'sub', 'up'), reason: 'a symlink to a folder already read (a loop, or a second way to it), not read twice' },
    ])
    expect(store.documents.byExternalId('a')?.text).toBe('Ada wrote in London.')
    expect(store.documents.byExternalId('linked')?.text).toBe('Grace wrote COBOL.')
    expect(store.documents.count()).toBe(2)
    store.close()
  })

  it('the CLI prints each skipped entry on stderr; a folder holding only a pipe says so in its refusal', async () => {
    const { store, dir, file } = tempStore()
    store.close()
    const folder = corpus(dir)
    const err: string[] = []
    const code = await main(['import', folder, '--db', file], { log: () => {}, error: (l) => err.push(l) })
    expect(code).toBe(0)
    expect(err).toContain(`skipped ${path.join(folder, 'pipe.jsonl')}: a named pipe, never opened`)
    expect(err).toContain(`skipped ${path.join(folder, 'broken.txt')}: a broken symlink (what it points to does not exist)`)

    const lonely = path.join(dir, 'lonely')
    fs.mkdirSync(lonely)
    execFileSync('mkfifo', [path.join(lonely, 'only.jsonl')])
    const { store: s2 } = tempStore()
    await expect(importFiles(s2, [lonely], { annotator: null, backup: false })).rejects.toThrow(
      `${lonely}: no importable files in this folder (.txt, brat .txt+.ann, .jsonl, .json, .conll, .xmi, .spacy); skipped ${path.join(lonely, 'only.jsonl')}: a named pipe, never opened`,
    )
    s2.close()
  })

  it('a symlink loop given as the path itself is named as one, not as a missing file', async () => {
    const { store, dir } = tempStore()
    fs.symlinkSync('l2', path.join(dir, 'l1'))
    fs.symlinkSync('l1', path.join(dir, 'l2'))
    await expect(importFiles(store, [path.join(dir, 'l1')], { annotator: null, backup: false })).rejects.toThrow(
      `${path.join(dir, 'l1')}: a symlink loop (its links lead back to themselves)`,
    )
    store.close()
  })
})
