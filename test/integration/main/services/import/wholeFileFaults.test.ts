// A brat pair, a plain-text file or an XMI file is one record: its faults are the document's, not its "line 1".
// An outsider importing brat's news corpus without --annotator read "import failed: 9 bad lines of 13 read" and
// `doc.ann:1: the record has spans but no annotator`, though no line 1 was at fault and the "lines" were files.
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { importFiles } from '../../../../../src/main/services/import/importFiles'
import { tempStore } from '../../../../helpers/tempWorkspace'

describe("a whole-file record's faults name the file, not a line", () => {
  it('brat pairs without an annotator: "2 bad documents of 3 read", each `FILE.ann: reason` without a line', async () => {
    const { store, dir } = tempStore()
    const folder = path.join(dir, 'brat')
    fs.mkdirSync(folder)
    for (const name of ['a', 'b']) {
      fs.writeFileSync(path.join(folder, `${name}.txt`), 'Kerry met Michel in Brussels.')
      fs.writeFileSync(path.join(folder, `${name}.ann`), 'T1\tPERSON 0 5\tKerry\n')
    }
    fs.writeFileSync(path.join(folder, 'c.txt'), 'Nothing annotated here.')
    fs.writeFileSync(path.join(folder, 'c.ann'), '')
    const before = store.documents.count()
    const err = await importFiles(store, [folder], { annotator: null, backup: false }).catch((e: Error) => e)
    expect(err).toBeInstanceOf(Error)
    const message = (err as Error).message
    expect(message).toMatch(/^import failed: 2 bad documents of 3 read; nothing was imported\n/)
    expect(message).toContain(`${path.join(folder, 'a.ann')}: the record has spans but no annotator`)
    expect(message).toContain(`${path.join(folder, 'b.ann')}: the record has spans but no annotator`)
    expect(message).not.toMatch(/\.ann:1:/)
    expect(store.documents.count()).toBe(before)
    store.close()
  })

  it('a plain-text file whose id holds other text: `FILE.txt: reason` without a line; a JSONL line keeps its number', async () => {
    const { store, dir } = tempStore()
    const first = path.join(dir, 'one', 'story.txt')
    const second = path.join(dir, 'two', 'story.txt')
    fs.mkdirSync(path.dirname(first))
    fs.mkdirSync(path.dirname(second))
    fs.writeFileSync(first, 'Title\n\nThe first text.')
    fs.writeFileSync(second, 'Title\n\nAnother text.')
    await importFiles(store, [first], { annotator: null, backup: false })
    const err = (await importFiles(store, [second], { annotator: null, backup: false }).catch((e: Error) => e)) as Error
    expect(err.message).toMatch(/^import failed: 1 bad document of 1 read/)
    expect(err.message).toContain(`${second}: document "story" already exists with different text`)
    const jsonl = path.join(dir, 'lines.jsonl')
    fs.writeFileSync(jsonl, `${JSON.stringify({ id: 'x', text: 'A text.' })}\n${JSON.stringify({ id: 'story', text: 'Other.' })}\n`)
    const lineErr = (await importFiles(store, [jsonl], { annotator: null, backup: false }).catch((e: Error) => e)) as Error
    expect(lineErr.message).toMatch(/^import failed: 1 bad line of 2 read/)
    expect(lineErr.message).toContain(`${jsonl}:2: document "story" already exists with different text`)
    store.close()
  })
})
