// An outsider's run (h78): a brat corpus whose .txt a Windows editor saved again (Notepad puts a UTF-8 byte-order mark
// in front, and often CRLF line ends too). brat counts the mark as the text's first character, so the .ann made
// before no longer fits: the import listed a fault per span, quoting an invisible character, `T1: text "Kerry" does
// not match the document text "Kerr" at 0 5` (the quote held U+FEFF), and no word of why. Now such a document is
// one fault naming the byte-order mark (and the line ends, when both changed), as a CRLF .txt already was.
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { importFiles } from '../../../../../src/main/services/import/importFiles'
import { AppError } from '../../../../../src/shared/api/errors'
import { tempStoresClosedAfterEach } from '../../../../helpers/closedAfterEach'

const tempStore = tempStoresClosedAfterEach()
const ESP = path.resolve(__dirname, '../../../../fixtures/brat/conll2002-esp')
const BOM = Buffer.from([0xef, 0xbb, 0xbf])
const DOCS = ['esp.train-doc-29', 'esp.train-doc-423']
const BOM_FAULT =
  'the .txt starts with a UTF-8 byte-order mark, which brat counts as the first character of the text, but the offsets of this .ann count the text without it (a Windows editor such as Notepad adds one when it saves): save the .txt as UTF-8 without a byte-order mark and import again'
const CRLF_FAULT = "the .txt has Windows line ends (CRLF), but the offsets of this .ann count each line end as one character, as in the text brat annotated (git's core.autocrlf or a Windows editor converts them): convert the .txt back to LF line ends (dos2unix) and import again"

/** The corpus's documents copied into `dir`, each .txt changed by `edit`. */
function corpus(dir: string, edit: (txt: Buffer) => Buffer): string[] {
  for (const d of DOCS) {
    fs.copyFileSync(path.join(ESP, `${d}.ann`), path.join(dir, `${d}.ann`))
    fs.writeFileSync(path.join(dir, `${d}.txt`), edit(fs.readFileSync(path.join(ESP, `${d}.txt`))))
  }
  return DOCS.map((d) => path.join(dir, `${d}.ann`))
}

async function faults(store: Parameters<typeof importFiles>[0], dir: string): Promise<string[]> {
  const e = await importFiles(store, [dir], { annotator: 'esp', addLabels: true, backup: false }).then(
    () => null,
    (x: unknown) => x,
  )
  expect(e).toBeInstanceOf(AppError)
  return ((e as AppError).details as { errors: { file: string; line: number; reason: string }[] }).errors.map((x) => `${path.basename(x.file)}: ${x.reason}`)
}

describe('a brat .txt saved again with a byte-order mark, its .ann counting the text without it', () => {
  it('is one fault of each document naming the byte-order mark, and nothing is imported', async () => {
    const { store, dir } = tempStore()
    const anns = corpus(dir, (t) => Buffer.concat([BOM, t]))
    expect(await faults(store, dir)).toEqual(anns.map((a) => `${path.basename(a)}: ${BOM_FAULT}`))
    expect(store.documents.count()).toBe(0)
  })

  it('with CRLF line ends too (Notepad does both): one fault naming both', async () => {
    const { store, dir } = tempStore()
    const anns = corpus(dir, (t) => Buffer.concat([BOM, Buffer.from(t.toString('utf8').replace(/\n/g, '\r\n'))]))
    expect(await faults(store, dir)).toEqual(anns.map((a) => `${path.basename(a)}: ${BOM_FAULT}; and ${CRLF_FAULT}`))
  })

  it("a .txt with a byte-order mark whose .ann counts it, as brat's own, imports as before", async () => {
    const { store, dir } = tempStore()
    corpus(dir, (t) => Buffer.concat([BOM, t]))
    // brat counts the mark: every offset one further.
    for (const d of DOCS) {
      const ann = fs.readFileSync(path.join(dir, `${d}.ann`), 'utf8').replace(/^(T\d+\t\S+) (\d+) (\d+)/gmu, (_, h: string, s: string, e: string) => `${h} ${Number(s) + 1} ${Number(e) + 1}`)
      fs.writeFileSync(path.join(dir, `${d}.ann`), ann)
    }
    const r = await importFiles(store, [dir], { annotator: 'esp', addLabels: true, backup: false })
    expect(r).toMatchObject({ documentsAdded: 2, spansAdded: 13 + 43 })
  })
})
