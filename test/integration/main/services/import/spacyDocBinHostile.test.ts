// Hostile `.spacy` files, built here as spaCy's DocBin.to_bytes lays one out (spacy/tokens/_serialize.py:
// zlib.compress(msgpack)), each refused naming the file, the document and the reason with nothing stored, or read
// as spaCy reads it; none may exhaust the heap (a small file inflating to a huge message stopped the process).
import fs from 'node:fs'
import path from 'node:path'
import zlib from 'node:zlib'
import { encode } from '@msgpack/msgpack'
import { afterEach, describe, expect, it } from 'vitest'
import { importFiles } from '../../../../../src/main/services/import/importFiles'
import type { Store } from '../../../../../src/main/store/store'
import { spacyHashString } from '../../../../../src/shared/formats/spacyDocBin/murmurHash64A'
import { snapshotStore } from '../../../../helpers/storeSnapshot'
import { tempStore } from '../../../../helpers/tempWorkspace'

let opened: Store | null = null
afterEach(() => {
  opened?.close()
  opened = null
})

const ORTH = 65
const ENT_IOB = 77
const ENT_TYPE = 78
const id = (s: string) => spacyHashString(s)
/** uint64 little-endian cells, row-major, as numpy's tobytes("C") on the host spaCy runs on. */
function cells(rows: bigint[][]): Buffer {
  const b = Buffer.alloc(rows.length * rows[0].length * 8)
  let i = 0
  for (const row of rows) for (const v of row) b.writeBigUInt64LE(v, 8 * i++)
  return b
}
const int32s = (ns: number[]) => Buffer.from(Int32Array.from(ns).buffer)
/** One document "Ada met Bob": Ada a PERSON entity, as DocBin.to_bytes writes it. */
function message(over: Record<string, unknown> = {}): Record<string, unknown> {
  const words = ['Ada', 'met', 'Bob']
  return {
    version: '0.1',
    attrs: [ORTH, ENT_IOB, ENT_TYPE],
    tokens: cells(words.map((w, i) => [id(w), i === 0 ? 3n : 2n, i === 0 ? 380n : 0n])),
    spaces: Buffer.from([1, 1, 0]),
    lengths: int32s([3]),
    strings: ['', 'Ada', 'Bob', 'PERSON', 'met'],
    cats: [{}],
    flags: [{ has_unknown_spaces: false }],
    span_groups: [Buffer.alloc(0)],
    ...over,
  }
}
/** msgpack array32 header: `n` items follow. */
const array32 = (n: number) => Buffer.from([0xdd, n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff])
const bin32 = (b: Buffer) => Buffer.concat([Buffer.from([0xc6, b.length >>> 24, (b.length >>> 16) & 0xff, (b.length >>> 8) & 0xff, b.length & 0xff]), b])
/** The message with `key` moved last and its value replaced by raw msgpack bytes (a value encode() would not build). */
function withRaw(msg: Record<string, unknown>, key: string, raw: Buffer): Buffer {
  const rest = Object.fromEntries(Object.entries(msg).filter(([k]) => k !== key))
  // encode() writes keys in insertion order: the last key's value (nil) is the final byte.
  const head = encode({ ...rest, [key]: null })
  return Buffer.concat([head.subarray(0, head.length - 1), raw])
}

async function refused(bytes: Buffer): Promise<string> {
  const ws = tempStore()
  opened = ws.store
  const file = path.join(ws.dir, 'train.spacy')
  fs.writeFileSync(file, bytes)
  const before = snapshotStore(ws.store)
  const err = await importFiles(ws.store, [file], { annotator: 'alice', addLabels: true }).then(
    () => null,
    (e: unknown) => e as Error,
  )
  expect(snapshotStore(ws.store)).toEqual(before)
  return err?.message ?? 'imported'
}

describe('hostile spaCy DocBin files', () => {
  it('a small file inflating to 25 million one-byte values is refused in words, not decoded until the heap is gone', async () => {
    // 25 MB of msgpack empty maps (an empty map is ~64 bytes of heap each once decoded) compress to ~25 KB.
    const bomb = Buffer.concat([withRaw(message(), 'strings', array32(25_000_000)), Buffer.alloc(25_000_000, 0x80)])
    const zipped = zlib.deflateSync(bomb, { level: 9 })
    expect(zipped.length).toBeLessThan(100_000)
    expect(await refused(zipped)).toMatch(/train\.spacy: not a readable spaCy DocBin: it holds more than 20000000 msgpack values/)
  })

  it("one document's span groups inflating to 25 million values are that document's fault", async () => {
    const groups = Buffer.concat([array32(25_000_000), Buffer.alloc(25_000_000, 0x90)])
    const raw = withRaw(message(), 'span_groups', Buffer.concat([Buffer.from([0x91]), bin32(groups)]))
    expect(await refused(zlib.deflateSync(raw))).toMatch(/train\.spacy: document 0 \(0-based, in DocBin order\): span_groups: it holds more than 20000000 msgpack values/)
  })

  it('one map of 1,000,001 keys (a dictionary-mode object, ~2 µs a key to decode; 10 million took 20 s) is refused before decoding', async () => {
    const n = 1_000_001
    const map = Buffer.alloc(5 + n * 6)
    map[0] = 0xdf
    map.writeUInt32BE(n, 1)
    // Keys "k" + 3 bytes of the index (distinct), each value nil.
    for (let i = 0; i < n; i++) map.set([0xa4, 0x6b, 0x41 + (i >> 12), 0x41 + ((i >> 6) & 63), 0x41 + (i & 63), 0xc0], 5 + 6 * i)
    const raw = withRaw(message(), 'cats', Buffer.concat([Buffer.from([0x91]), map]))
    expect(await refused(zlib.deflateSync(raw))).toMatch(/train\.spacy: not a readable spaCy DocBin: it holds maps of more than 1000000 keys in all \(at byte \d+\)/)
  })

  it('a list header claiming four billion items in a few bytes is a cut file', async () => {
    const raw = Buffer.concat([withRaw(message(), 'strings', array32(0xffffffff)), Buffer.from([0xa1, 0x41])])
    expect(await refused(zlib.deflateSync(raw))).toMatch(/train\.spacy: not a spaCy DocBin: the inflated data is not msgpack \(it ends in the middle of a value: a cut or damaged file\)/)
  })
})

describe('unusual spaCy DocBin files', () => {
  it('cats nested 100,000 lists deep are refused naming the depth (saving them overflowed the stack: "Maximum call stack size exceeded")', async () => {
    const raw = withRaw(message(), 'cats', Buffer.concat([Buffer.from([0x91, 0x81, 0xa1, 0x41]), Buffer.alloc(100_000, 0x91), Buffer.from([0x01])]))
    expect(await refused(zlib.deflateSync(raw))).toMatch(/train\.spacy: not a readable spaCy DocBin: it nests lists and maps deeper than 256 levels \(at byte \d+\)/)
  })

  it('a document of 60,000 tokens of 10,000 characters (600 million, past what a JavaScript string holds) is refused naming it', async () => {
    const word = 'a'.repeat(10_000)
    const n = 60_000
    const hash = id(word)
    const tokens = cells(Array.from({ length: n }, () => [hash]))
    const msg = { version: '0.1', attrs: [ORTH], tokens, spaces: Buffer.alloc(n, 1), lengths: int32s([n]), strings: [word] }
    expect(await refused(zlib.deflateSync(encode(msg)))).toMatch(
      /train\.spacy: document 0 \(0-based, in DocBin order\): its text is longer than 268435456 characters at token 26840 \(the limit for one document\)/,
    )
  })

  it('a cats key "__proto__" is refused saying so, not called "not msgpack"', async () => {
    const raw = withRaw(message(), 'cats', Buffer.from([0x91, 0x81, 0xa9, ...Buffer.from('__proto__'), 0xcb, 0x3f, 0xf0, 0, 0, 0, 0, 0, 0]))
    expect(await refused(zlib.deflateSync(raw))).toMatch(/train\.spacy: not a readable spaCy DocBin: a map key is "__proto__", which this reader does not take/)
  })

  it('a symbol id the strings lack (ORTH and ENT_TYPE 380) is read as spaCy reads it: the symbol\'s string, "PERSON"', async () => {
    const ws = tempStore()
    opened = ws.store
    const file = path.join(ws.dir, 'train.spacy')
    const msg = message({ tokens: cells([[380n, 3n, 380n], [id('met'), 2n, 0n], [id('Bob'), 2n, 0n]]), strings: ['', 'Bob', 'met'] })
    fs.writeFileSync(file, zlib.deflateSync(encode(msg)))
    await importFiles(ws.store, [file], { annotator: 'alice', addLabels: true })
    const rows = ws.store.db
      .prepare('SELECT d.text AS text, s.start AS start, s."end" AS "end", l.name AS label FROM spans s JOIN documents d ON d.id = s.document_id JOIN label_types l ON l.id = s.label_id')
      .all() as { text: string; start: number; end: number; label: string }[]
    expect(rows.map((r) => [r.text, r.text.slice(r.start, r.end), r.label])).toEqual([['PERSON met Bob', 'PERSON', 'PERSON']])
  })

  it('a "lengths" of 10,000,001 empty documents (40 MB of zeros, a 40 KB file) is refused at once', async () => {
    const msg = { version: '0.1', attrs: [ORTH], tokens: Buffer.alloc(0), spaces: Buffer.alloc(0), lengths: Buffer.alloc(40_000_004), strings: [] }
    expect(await refused(zlib.deflateSync(encode(msg)))).toMatch(/train\.spacy: not a readable spaCy DocBin: "lengths" lists 10000001 documents, more than the 10000000 this reader imports from one file/)
  })
})
