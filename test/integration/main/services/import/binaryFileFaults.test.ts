// A binary file has no lines: a damaged .spacy, a ZIP or a PNG given as text is refused as the file's fault
// (`file: reason`, counted as an unreadable file), a DocBin document's fault names its document, never a line.
import fs from 'node:fs'
import path from 'node:path'
import zlib from 'node:zlib'
import { decode, encode } from '@msgpack/msgpack'
import { describe, expect, it } from 'vitest'
import { main } from '../../../../../src/main/cli/main'
import { importFiles } from '../../../../../src/main/services/import/importFiles'
import { REPO_ROOT, tempStore } from '../../../../helpers/tempWorkspace'

const TRAIN = path.join(REPO_ROOT, 'test', 'fixtures', 'peers', 'spacy-docbin', 'train.spacy')
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex')

async function refusal(files: Record<string, Buffer | string>, opts: { skipInvalid?: boolean } = {}) {
  const { store, dir } = tempStore()
  const paths = Object.entries(files).map(([name, body]) => {
    fs.writeFileSync(path.join(dir, name), body)
    return path.join(dir, name)
  })
  const run = importFiles(store, paths, { annotator: 'alice', addLabels: true, backup: false, ...opts })
  const outcome = await run.then(
    (r) => ({ report: r, message: '' }),
    (e: Error) => ({ report: null, message: e.message }),
  )
  const count = store.documents.count()
  store.close()
  return { ...outcome, dir, count }
}

describe('a binary file has no lines: its faults name the file (and a DocBin document), never a line number', () => {
  it('a damaged .spacy is one unreadable file, printed as "file: reason"', async () => {
    const { message, dir, count } = await refusal({ 'train.spacy': zlib.deflateSync(Buffer.from([0xc1, 0x00])) })
    expect(message.split('\n')).toEqual([
      'import failed: 1 unreadable file; nothing was imported',
      `${path.join(dir, 'train.spacy')}: not a spaCy DocBin: the inflated data is not msgpack (byte 0xc1 at 0 is not a msgpack type)`,
    ])
    expect(count).toBe(0)
  })

  it("a DocBin document's fault names the document (0-based, as spaCy counts), and counts documents, not lines", async () => {
    const m = decode(zlib.inflateSync(fs.readFileSync(TRAIN))) as Record<string, unknown>
    const damaged = zlib.deflateSync(encode({ ...m, strings: (m.strings as string[]).filter((s) => s !== 'DISH') }))
    const { message, dir } = await refusal({ 'train.spacy': damaged })
    expect(message).toMatch(/^import failed: 1 bad document of 4 read; nothing was imported\n/)
    expect(message).toContain(`\n${path.join(dir, 'train.spacy')}: document 1 (0-based, in DocBin order): token 3`)
    expect(message).not.toMatch(/train\.spacy:\d/)
  })

  it('a bad JSONL line and a PNG named .jsonl together: the line keeps its number, the PNG has none; a damaged ZIP names the archive', async () => {
    const { message, dir } = await refusal({
      'a.jsonl': `${JSON.stringify({ id: 'ok', text: 'Fine.' })}\n{"id": \n`,
      'b.jsonl': PNG,
    })
    expect(message.split('\n')).toEqual([
      'import failed: 1 bad line of 2 read and 1 unreadable file; nothing was imported',
      expect.stringMatching(new RegExp(`^${path.join(dir, 'a.jsonl')}:2: not valid JSON`)),
      `${path.join(dir, 'b.jsonl')}: not a text file (a PNG image); import UTF-8 or UTF-16 text`,
    ])
    // Refused as the sources are listed (no line was ever read): the archive and why.
    const zip = await refusal({ 'b.zip': Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(40)]) })
    expect(zip.message).toBe(`${path.join(zip.dir, 'b.zip')}: damaged ZIP archive (no end of central directory)`)
  })

  it('with --skip-invalid the report lists a PNG given as JSONL as the file\'s fault; the CLI prints "file: reason"', async () => {
    const { report, dir } = await refusal({ 'scan.jsonl': PNG, 'ok.jsonl': `${JSON.stringify({ id: 'ok', text: 'Fine.' })}\n` }, { skipInvalid: true })
    const file = path.join(dir, 'scan.jsonl')
    expect(report!.errors).toEqual([{ file, line: 1, place: 'file', reason: 'not a text file (a PNG image); import UTF-8 or UTF-16 text' }])
    expect(report!.imported).toBe(1)

    const db = path.join(dir, 'cli.spanwright')
    const err: string[] = []
    expect(await main(['import', file, '--db', db], { log: () => {}, error: (l) => err.push(l) })).toBe(1)
    expect(err.join('\n')).toContain(`import failed: 1 unreadable file; nothing was imported\n${file}: not a text file (a PNG image)`)
  })
})
