// Detection decided on a head cut inside the thing it reads: a first JSON record longer than the 48 MiB it reads on
// to was told from its start (a doccano JSON array on one line, as pandas writes it, was taken for Label Studio's),
// and a first line longer than the 1 MiB head was read cut (a CoNLL .tsv with a long first token was refused as no
// format at all). Now detection reads on until it holds its first record or first two lines whole, and past 48 MiB
// refuses the file, naming it and why, rather than guess. Files are generated in a temp folder, never committed.
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { detectFileFormat, HEAD_BYTES, MAX_HEAD_BYTES } from '../../../../../src/main/services/formats/formatRegistry'
import { importFiles, previewImport } from '../../../../../src/main/services/import/importFiles'
import { holdsDetectionSample } from '../../../../../src/shared/formats/firstRecord'
import { tempDir, tempStore } from '../../../../helpers/tempWorkspace'
import { zip } from '../../../../helpers/zipFile'

const SPAN: [number, number, string] = [0, 5, 'PERSON']
/** Past the most detection reads (48 MiB), in ASCII. */
const HUGE = 'Kerry met Michel. '.repeat(Math.ceil((MAX_HEAD_BYTES + 1024 * 1024) / 18))

describe('detection never decides on a cut record', { timeout: 300_000 }, () => {
  it('a CoNLL .tsv whose first token is longer than the head: read on to its first lines, detected as conll', () => {
    const long = 'x'.repeat(2 * HEAD_BYTES)
    const f = path.join(tempDir(), 'tokens.tsv')
    fs.writeFileSync(f, `${long}\tB-PER\nmet\tO\nMichel\tB-PER\n`)
    expect(detectFileFormat(f, 'tokens.tsv')).toEqual({ format: 'conll' })
    const p = previewImport([f], { format: null, labelMap: undefined, annotator: 'a' }, 10)
    expect(p.errors).toEqual([])
    expect(p.records[0].spans.map((s) => [s.start, s.end, s.label])).toEqual([
      [0, long.length, 'PER'],
      [long.length + 5, long.length + 11, 'PER'],
    ])
  })

  it('a one-line doccano JSON array whose first record is past 48 MiB: refused naming the file and why, never taken for Label Studio', async () => {
    const dir = tempDir()
    const f = path.join(dir, 'doccano.json')
    fs.writeFileSync(f, `${JSON.stringify([{ id: 1, text: HUGE, label: [SPAN] }])}\n`)
    const found = detectFileFormat(f, 'doccano.json')
    expect(found).toMatchObject({ format: null, place: 'file', reason: expect.stringMatching(/^the first JSON record is longer than the 48 MiB detection reads, so its format cannot be told from it whole; pass --format/u) })
    const { store } = tempStore()
    await expect(importFiles(store, [f], { annotator: 'a' })).rejects.toThrow(`${f}: the first JSON record is longer than the 48 MiB`)
    expect(store.db.prepare('SELECT COUNT(*) AS n FROM documents').get()).toEqual({ n: 0 })
    store.close()
  })

  it('a .csv with no line break in its first 48 MiB: refused naming the file; in a ZIP archive, naming the entry', async () => {
    const dir = tempDir()
    const f = path.join(dir, 'one-line.csv')
    fs.writeFileSync(f, `text,label\n${HUGE}`.replace('\n', ' '))
    expect(detectFileFormat(f, 'one-line.csv')).toMatchObject({ format: null, place: 'file', reason: expect.stringMatching(/^the first two lines are not whole within the 48 MiB detection reads/u) })
    const z = path.join(dir, 'export.zip')
    fs.writeFileSync(z, zip([{ name: 'big.json', data: `${JSON.stringify([{ id: 'h', text: HUGE, label: [SPAN] }])}\n` }]))
    const { store } = tempStore()
    await expect(importFiles(store, [z], { annotator: 'a' })).rejects.toThrow(`${z}!/big.json: the first JSON record is longer than the 48 MiB`)
    store.close()
  })

  it('a .jsonl whose first line is past 48 MiB: its line is refused as too long, naming the file and line', async () => {
    const f = path.join(tempDir(), 'big.jsonl')
    fs.writeFileSync(f, `${JSON.stringify({ id: 'h', text: HUGE, label: [SPAN] })}\n`)
    const { store } = tempStore()
    await expect(importFiles(store, [f], { annotator: 'a' })).rejects.toThrow(new RegExp(`${f.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&')}:1: .*too long to import`, 'u'))
    store.close()
  })

  it('holdsDetectionSample: JSON by its first record, XML by its start, other text by two whole non-blank lines', () => {
    expect(holdsDetectionSample('{"text": "a"}')).toBe(true)
    expect(holdsDetectionSample('[{"text": "a')).toBe(false)
    expect(holdsDetectionSample('<?xml version="1.0"?><xmi:XMI')).toBe(false)
    expect(holdsDetectionSample(`<?xml version="1.0"?>${' '.repeat(5000)}`)).toBe(true)
    expect(holdsDetectionSample('text,label\nKerry')).toBe(false)
    expect(holdsDetectionSample('text,label\n\n\nKerry,PER\r\n')).toBe(true)
    expect(holdsDetectionSample('Kerry B-PER\r\nmet O\r')).toBe(true)
    expect(holdsDetectionSample('\n\n  \n')).toBe(false)
  })
})
