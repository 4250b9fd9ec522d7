// A file name that is not UTF-8 (Latin-1 "café" is the bytes 63 61 66 e9): Node decodes the arguments as UTF-8, so
// the path typed for it arrives with U+FFFD and read as "no such file or folder" though the file is there. The CLI
// says what happened; a folder import lists such a name as skipped, with why, instead of failing to open it.
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { main } from '../../../../src/main/cli/main'
import { importFiles } from '../../../../src/main/services/import/importFiles'
import { tempStore } from '../../../helpers/tempWorkspace'

const LINE = `${JSON.stringify({ id: 'd1', text: 'Ada met Bob.' })}\n`

describe('arguments and file names that are not UTF-8', () => {
  it('import of a Latin-1 file name as Node hands it over: says the argument held bytes that are not UTF-8, not "no such file"', async () => {
    const { store, dir, file: db } = tempStore()
    store.close()
    const raw = Buffer.concat([Buffer.from(`${dir}/caf`), Buffer.from([0xe9]), Buffer.from('.jsonl')])
    fs.writeFileSync(raw, LINE)
    // What process.argv holds for those bytes: Node's UTF-8 decoding, U+FFFD for the lone 0xE9.
    const arg = raw.toString('utf8')
    expect(arg).toBe(path.join(dir, 'caf\ufffd.jsonl'))
    const err: string[] = []
    expect(await main(['import', arg, '--db', db], { log: () => {}, error: (l) => err.push(l) })).toBe(1)
    expect(err).toEqual([
      `spanwright import: the argument ${JSON.stringify(arg)} held bytes that are not UTF-8 (Node reads arguments as UTF-8 and turned them into U+FFFD), ` +
        'so the file or folder it names cannot be found by that name; rename it to a UTF-8 name (e.g. convmv -f latin1 -t utf8), or pass the folder that holds it',
    ])
    // A path that is simply missing is still "no such file or folder".
    const plain: string[] = []
    await main(['import', path.join(dir, 'missing.jsonl'), '--db', db], { log: () => {}, error: (l) => plain.push(l) })
    expect(plain).toEqual([`spanwright import: ${path.join(dir, 'missing.jsonl')}: no such file or folder`])
  })

  it('a folder holding a Latin-1 file name: the other files import, that one is listed as skipped with why', async () => {
    const { store, dir } = tempStore()
    const folder = path.join(dir, 'corpus')
    fs.mkdirSync(folder)
    fs.writeFileSync(path.join(folder, 'ok.jsonl'), LINE)
    fs.writeFileSync(Buffer.concat([Buffer.from(`${folder}/caf`), Buffer.from([0xe9]), Buffer.from('.jsonl')]), LINE.replace('d1', 'd2'))
    const r = await importFiles(store, [folder], { annotator: null, backup: false })
    expect(r.imported).toBe(1)
    expect(r.skipped).toEqual([
      { file: path.join(folder, 'caf\ufffd.jsonl'), reason: 'a name that is not UTF-8 (shown with U+FFFD), so it cannot be opened by name; rename it to UTF-8 (e.g. convmv -f latin1 -t utf8)' },
    ])
    store.close()
  })
})
