import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import zlib from 'node:zlib'
import { afterEach, describe, expect, it } from 'vitest'
import { importFiles } from '../../../../src/main/services/import/importFiles'
import { snapshotStore } from '../../../helpers/storeSnapshot'
import { tempStore } from '../../../helpers/tempWorkspace'

/**
 * A binary file given to import says what it is, with or without --format.
 * Detection used to answer "cannot tell the file's format; pass --format" for
 * any binary file without a JSON extension (so the user passed --format and got
 * "not valid UTF-8 … Latin-1?"). A spaCy DocBin (`.spacy`, zlib-compressed
 * msgpack) is read since h46 (test/integration/main/services/import/spacyDocBinImport.test.ts);
 * a cut one is refused by its reader, saying why.
 */

// The start of a real DocBin: zlib.compress(msgpack({"attrs": …, "tokens": …})) as spaCy writes it.
const DOCBIN = zlib.deflateSync(Buffer.concat([Buffer.from([0x87, 0xa5]), Buffer.from('attrs'), Buffer.from([0x92, 0xcd, 0x01, 0x02, 0xcd, 0x01, 0x03])]))
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])
const GZIP = zlib.gzipSync(Buffer.from('{"text": "x"}\n'))

let opened: { close: () => void } | null = null
afterEach(() => {
  opened?.close()
  opened = null
})

async function refusal(name: string, bytes: Buffer, format: 'spacy' | 'jsonl' | null): Promise<string> {
  const { store, dir } = tempStore()
  opened = store
  const file = path.join(dir, name)
  fs.writeFileSync(file, bytes)
  const before = snapshotStore(store)
  const err = await importFiles(store, [file], { annotator: 'alice', format, backup: false }).then(
    () => null,
    (e: unknown) => e as Error,
  )
  expect(snapshotStore(store)).toEqual(before)
  expect(err).not.toBeNull()
  return err!.message
}

describe('binary files given to import', () => {
  it.each([
    ['train.spacy', null, DOCBIN, /train\.spacy: not a spaCy DocBin: the inflated data is not msgpack \(it ends in the middle of a value: a cut or damaged file\)/],
    ['train.spacy', 'spacy', DOCBIN, /train\.spacy: not a spaCy DocBin: the inflated data is not msgpack \(it ends in the middle of a value/],
    ['train.jsonl', 'jsonl', DOCBIN, /train\.jsonl: not a text file \(zlib-compressed data; a spaCy DocBin is read as \.spacy, by its content, or with --format spacy-docbin\)/],
    ['scan.dat', null, PNG, /scan\.dat: not a text file \(a PNG image\)/],
    ['data.gz', null, GZIP, /data\.gz: the file is gzip-compressed; decompress it first/],
  ] as const)('%s (--format %s) is refused saying what it is', async (name, format, bytes, message) => {
    const text = await refusal(name, bytes, format)
    expect(text).toMatch(message)
    expect(text).not.toMatch(/cannot tell|Latin-1/)
  })
})

describe('special files given to import', () => {
  // Opening a FIFO waits for a writer: the import hung for ever. /dev/zero never ends.
  it.skipIf(process.platform === 'win32')('a named pipe or a device is refused before it is opened, naming it', async () => {
    const { store, dir } = tempStore()
    opened = store
    const fifo = path.join(dir, 'pipe.jsonl')
    execFileSync('mkfifo', [fifo])
    const before = snapshotStore(store)
    for (const [file, what] of [[fifo, 'a named pipe'], ['/dev/zero', 'a device']]) {
      await expect(importFiles(store, [file], { annotator: 'alice', format: 'jsonl', backup: false })).rejects.toThrow(`${file}: not a regular file (${what}); import a file or a folder`)
    }
    // A brat document whose .ann beside its .txt is a pipe, in a folder too.
    const folder = path.join(dir, 'brat')
    fs.mkdirSync(folder)
    fs.writeFileSync(path.join(folder, 'a.txt'), 'Kerry\n')
    execFileSync('mkfifo', [path.join(folder, 'a.ann')])
    await expect(importFiles(store, [folder], { annotator: 'alice', format: null, backup: false })).rejects.toThrow(`${path.join(folder, 'a.ann')}: not a regular file (a named pipe)`)
    expect(snapshotStore(store)).toEqual(before)
  })
})
