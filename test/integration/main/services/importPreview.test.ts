import fs from 'node:fs'
import path from 'node:path'
import zlib from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { dispatch } from '../../../../src/main/api/dispatch'
import { createHandlers } from '../../../../src/main/api/handlerTable'
import type { ImportPreviewResult } from '../../../../src/shared/api/methods/transfer'
import { snapshotStore } from '../../../helpers/storeSnapshot'
import { tempStore } from '../../../helpers/tempWorkspace'
import { zip } from '../../../helpers/zipFile'

/** A real 1×1 PNG, built from its chunks (signature, IHDR, IDAT, IEND) with their CRCs. */
function png(): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data])
    const len = Buffer.alloc(4)
    len.writeUInt32BE(data.length)
    const crc = Buffer.alloc(4)
    crc.writeUInt32BE(zlib.crc32(body))
    return Buffer.concat([len, body, crc])
  }
  const ihdr = Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0])
  const idat = zlib.deflateSync(Buffer.from([0, 255, 0, 0]))
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', idat), chunk('IEND', Buffer.alloc(0))])
}

const line = (o: unknown) => `${JSON.stringify(o)}\n`
const kerry = { id: 'd1', text: 'Kerry met Michel in Brussels.', annotator: 'alice', spans: [{ start: 0, end: 5, label: 'PERSON' }] }

describe('the import preview names what the import would refuse, before Import is pressed', () => {
  const { store, dir } = tempStore()
  const handlers = createHandlers({ store, version: 't', transport: 'http' })
  const write = (name: string, body: string | Buffer) => {
    const f = path.join(dir, name)
    fs.writeFileSync(f, body)
    return f
  }
  async function preview(args: Record<string, unknown>): Promise<ImportPreviewResult> {
    const before = snapshotStore(store)
    const reply = await dispatch(handlers, 'transfer.preview', args)
    // A preview never writes.
    expect(snapshotStore(store)).toEqual(before)
    if (!reply.ok) throw new Error(reply.error.message)
    return reply.value as ImportPreviewResult
  }

  it('a label not in the schema, with file, line and reason; none with add-labels', async () => {
    const f = write('labels.jsonl', line(kerry) + line({ ...kerry, id: 'd2', spans: [{ start: 0, end: 5, label: 'WIZARD' }] }))
    const p = await preview({ paths: [f] })
    expect(p.records).toHaveLength(2)
    expect(p.errors).toEqual([{ file: f, line: 2, reason: 'spans[0]: label "WIZARD" is not an entity label in the schema (pass --add-labels to add it)' }])
    expect((await preview({ paths: [f], addLabels: true })).errors).toEqual([])
  })

  it('an unknown relation label and a relation the schema does not allow', async () => {
    const spans = [{ id: 'T1', start: 0, end: 5, label: 'PERSON' }, { id: 'T2', start: 10, end: 16, label: 'PERSON' }]
    const f = write('rel.jsonl', line({ ...kerry, spans, relations: [{ head: 'T1', tail: 'T2', label: 'MET' }] }) + line({ ...kerry, id: 'd3', spans, relations: [{ head: 'T1', tail: 'T2', label: 'AFFILIATED_WITH' }] }))
    const p = await preview({ paths: [f] })
    expect(p.errors.map((e) => `${e.line}: ${e.reason}`)).toEqual([
      '1: relations[0]: label "MET" is not a relation label in the schema (pass --add-labels to add it)',
      '2: relations[0]: AFFILIATED_WITH does not allow a PERSON tail (allowed: ORG)',
    ])
  })

  it('spans without an annotator, unless the dialog gives the layer a name', async () => {
    const f = write('noannot.jsonl', line({ id: 'd4', text: 'Kerry', spans: [{ start: 0, end: 5, label: 'PERSON' }] }))
    expect((await preview({ paths: [f] })).errors.map((e) => e.reason)).toEqual(['the record has spans but no annotator; give one in the file, or pass --annotator'])
    expect((await preview({ paths: [f], annotator: 'bob' })).errors).toEqual([])
  })

  it('a PNG renamed .jsonl is "not a text file"', async () => {
    const f = write('picture.jsonl', png())
    const p = await preview({ paths: [f] })
    expect(p.records).toEqual([])
    expect(p.errors).toEqual([{ file: f, line: 1, place: 'file', reason: 'not a text file (a PNG image); import UTF-8 or UTF-16 text' }])
  })

  it('binary data with NUL bytes on its first line is "not a text file"', async () => {
    const f = write('blob.jsonl', Buffer.concat([Buffer.from('{"id": "x", "text": "'), Buffer.from([0x00, 0x01, 0x02, 0x03]), Buffer.from('"}\n')]))
    expect((await preview({ paths: [f] })).errors).toEqual([{ file: f, line: 1, place: 'file', reason: 'not a text file (binary data: NUL bytes); import UTF-8 or UTF-16 text' }])
  })

  it('an empty file is "empty file"', async () => {
    const f = write('empty.jsonl', '')
    expect((await preview({ paths: [f] })).errors).toEqual([{ file: f, line: 1, place: 'file', reason: 'empty file (no records to import)' }])
    const t = write('empty.txt', '\n \n')
    expect((await preview({ paths: [t] })).errors).toEqual([{ file: t, line: 1, place: 'file', reason: 'empty file (no text to import)' }])
  })

  it('a clean file previews with no errors', async () => {
    const f = write('clean.jsonl', line(kerry))
    const p = await preview({ paths: [f] })
    expect(p.errors).toEqual([])
    expect(p.records).toMatchObject([{ documentId: 'd1', spans: 1, annotator: 'alice' }])
  })

  it("doccano's ZIP export: each entry a source, each user's file that user's layer, and what is not read", async () => {
    const doc = (id: number) => line({ id, text: 'Kerry met Michel.', label: [[0, 5, 'PERSON']] })
    const f = write('doccano.zip', zip([{ name: 'alice.jsonl', data: doc(1) }, { name: 'bob.jsonl', data: doc(1) }, { name: '__MACOSX/._bob.jsonl', data: 'x' }, { name: 'notes.md', data: '#' }]))
    const p = await preview({ paths: [f] })
    expect(p.sources).toEqual([
      { file: `${f}!/alice.jsonl`, format: 'doccano' },
      { file: `${f}!/bob.jsonl`, format: 'doccano' },
    ])
    expect(p.records.map((r) => [r.file, r.line, r.annotator])).toEqual([
      [`${f}!/alice.jsonl`, 1, 'alice'],
      [`${f}!/bob.jsonl`, 1, 'bob'],
    ])
    expect(p.errors).toEqual([])
    expect(p.skipped).toEqual([
      { file: `${f}!/notes.md`, reason: 'not a file the import reads (by its extension)' },
      { file: `${f}!/__MACOSX/`, reason: '1 macOS resource entry, not data' },
    ])
    expect((await preview({ paths: [f], annotator: 'merged' })).records.map((r) => r.annotator)).toEqual([null, null])
  })

  it('the encoding: read through the API as chosen, with its warnings; a name the import does not read is refused by the contract', async () => {
    const f = write('esp.conll', Buffer.from('Li\xe8ge B-GPE\n', 'latin1'))
    expect((await preview({ paths: [f], annotator: 'a' })).errors[0].reason).toMatch(/^not valid UTF-8 at byte 2 \(0xE8: “è” in Latin-1 and Windows-1252\)/)
    const p = await preview({ paths: [f], annotator: 'a', encoding: 'latin1' })
    expect(p.records.map((r) => r.textHead)).toEqual(['Liège'])
    expect(p.warnings).toBeUndefined()
    const u = write('utf8.conll', 'Liège B-GPE\n')
    // A UTF-8 file read as Windows-1252 is refused (its mojibake would be stored for good); forceEncoding reads it, with the warning.
    expect((await preview({ paths: [u], annotator: 'a', encoding: 'windows-1252' })).errors).toEqual([
      { file: u, line: 1, reason: expect.stringMatching(/^read as windows-1252 \(--encoding\), but the file is valid UTF-8 .* add --force-encoding \(in the import dialog: Read as chosen\)$/) },
    ])
    expect((await preview({ paths: [u], annotator: 'a', encoding: 'windows-1252', forceEncoding: true })).warnings).toEqual([
      { file: u, reason: expect.stringMatching(/^read as windows-1252 \(--encoding\), but the file is valid UTF-8/) },
    ])
    // Any WHATWG name the platform knows, in any spelling (the dialog's free entry): Polish in Windows-1250 as `CP1250`.
    const pl = write('pl.conll', Buffer.from([0x5a, 0x61, 0xbf, 0xf3, 0xb3, 0xe6, 0x20, 0x42, 0x2d, 0x4d, 0x49, 0x53, 0x43, 0x0a]))
    expect((await preview({ paths: [pl], annotator: 'a', encoding: 'CP1250' })).records.map((r) => r.textHead)).toEqual(['Zażółć'])
    const bad = await dispatch(handlers, 'transfer.preview', { paths: [f], encoding: 'klingon-8' })
    expect(bad.ok).toBe(false)
    expect(!bad.ok && bad.error.message).toMatch(/encoding/)
  })
})
