// A first record longer than the head detection samples (1 MiB): detection reads on until it holds that record
// whole (to the 16 MiB line limit), for every JSON format, key order either way, and a JSON array on one line.
// Before, the head ended mid-line, the JSON-lines detector skipped the cut line, and a 12 MB doccano record was
// read as native jsonl and refused ("label" holds 1 item(s) that the native jsonl format does not read), h67's run.
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { detectFileFormat, HEAD_BYTES, MAX_HEAD_BYTES } from '../../../../../src/main/services/formats/formatRegistry'
import { previewImport } from '../../../../../src/main/services/import/importFiles'
import { DEFAULT_MAX_LINE_CHARS } from '../../../../../src/main/services/import/lineReader'
import type { FormatName } from '../../../../../src/shared/formats/formatCodec'
import { holdsFirstRecord } from '../../../../../src/shared/formats/firstRecord'
import { tempDir } from '../../../../helpers/tempWorkspace'
import { zip } from '../../../../helpers/zipFile'

/** About 5.4 MB: past the head and past its first widening (4 MiB), so detection must read on twice. */
const BIG = 'Kerry met Michel. '.repeat(300_000)
const SPAN: [number, number, string] = [0, 5, 'PERSON']
const line = (v: unknown) => `${JSON.stringify(v)}\n`
const small = 'Kerry ran.'
const LS_PERSON = { type: 'labels', from_name: 'label', to_name: 'text', value: { start: 0, end: 5, labels: ['PERSON'] } }

/** [case, file name, content, format]: a huge first record, then a small one of the same format. */
const CASES: [string, string, string, FormatName][] = [
  ['doccano', 'a.jsonl', line({ id: 'h', text: BIG, label: [SPAN] }) + line({ id: 's', text: small, label: [SPAN] }), 'doccano'],
  ['doccano, label before text', 'a.jsonl', line({ label: [SPAN], id: 'h', text: BIG }) + line({ label: [SPAN], id: 's', text: small }), 'doccano'],
  [
    'doccano-rel',
    'a.jsonl',
    line({ id: 1, text: BIG, entities: [{ id: 0, label: 'PERSON', start_offset: 0, end_offset: 5 }], relations: [] }) +
      line({ id: 2, text: small, entities: [{ id: 0, label: 'PERSON', start_offset: 0, end_offset: 5 }], relations: [] }),
    'doccano-rel',
  ],
  [
    'Prodigy, spans before text',
    'a.jsonl',
    line({ spans: [{ start: 0, end: 5, label: 'PERSON' }], answer: 'accept', _input_hash: 1, text: BIG }) + line({ text: small, spans: [{ start: 0, end: 5, label: 'PERSON' }], answer: 'accept', _input_hash: 2 }),
    'prodigy',
  ],
  ['native jsonl, spans first', 'a.jsonl', line({ spans: [{ start: 0, end: 5, label: 'PERSON' }], id: 'h', text: BIG }) + line({ id: 's', text: small, spans: [{ start: 0, end: 5, label: 'PERSON' }] }), 'jsonl'],
  ['spaCy JSONL tuples', 'a.jsonl', line([BIG, { entities: [SPAN] }]) + line([small, { entities: [SPAN] }]), 'spacy'],
  ['spaCy JSON array on one line', 'a.json', line([[BIG, { entities: [SPAN] }], [small, { entities: [SPAN] }]]), 'spacy'],
  [
    'Label Studio JSON array on one line, annotations before data',
    'a.json',
    line([
      { annotations: [{ result: [LS_PERSON] }], data: { text: BIG } },
      { data: { text: small }, annotations: [{ result: [LS_PERSON] }] },
    ]),
    'labelstudio',
  ],
  ["doccano's JSON export (an array) on one line", 'a.json', line([{ id: 1, text: BIG, label: [SPAN] }, { id: 2, text: small, label: [SPAN] }]), 'doccano'],
  ['doccano, pretty-printed array', 'a.json', JSON.stringify([{ id: 1, text: BIG, label: [SPAN] }], null, 2), 'doccano'],
]

describe('a first record longer than the head detection samples', () => {
  it('the bound reaches the line limit in UTF-8, and the head is smaller than the records here', () => {
    expect(MAX_HEAD_BYTES).toBe(3 * DEFAULT_MAX_LINE_CHARS)
    expect(BIG.length).toBeGreaterThan(4 * HEAD_BYTES)
  })

  it.each(CASES)('%s: detected and read whole, its span kept', (_name, file, content, format) => {
    const f = path.join(tempDir(), file)
    fs.writeFileSync(f, content)
    expect(detectFileFormat(f, file)).toEqual({ format })
    const p = previewImport([f], { format: null, labelMap: undefined, annotator: 'a' }, 10)
    expect(p.errors).toEqual([])
    expect(p.sources.map((s) => s.format)).toEqual([format])
    const expected = [[BIG.length, [SPAN]], ...(content.includes(small) ? [[small.length, [SPAN]]] : [])]
    expect(p.records.map((r) => [r.text.length, r.spans.map((s) => [s.start, s.end, s.label])])).toEqual(expected)
  })

  it("h67's 12 MB doccano line in a ZIP archive: the entry is detected on its whole first record too", () => {
    const dir = tempDir()
    const text = 'Kerry met Michel. '.repeat(700_000)
    const f = path.join(dir, 'h.zip')
    fs.writeFileSync(f, zip([{ name: 'h.jsonl', data: line({ id: 'h', text, label: [SPAN] }) }]))
    const p = previewImport([f], { format: null, labelMap: undefined, annotator: 'a' }, 10)
    expect(p.errors).toEqual([])
    expect(p.records.map((r) => [r.text.length, r.spans.map((s) => s.label)])).toEqual([[text.length, ['PERSON']]])
  })

  it('holdsFirstRecord: a line, an object, an array item, a spaCy tuple whole; never a record cut off', () => {
    expect(holdsFirstRecord('{"text": "a", "label": [[0, 1, "X"]]}')).toBe(true)
    expect(holdsFirstRecord('{"text": "a}]", "label": [[0, 1, "X"]]')).toBe(false)
    expect(holdsFirstRecord('\uFEFF  [{"data": {"text": "a"}}, {"data": {"te')).toBe(true)
    expect(holdsFirstRecord('[{"data": {"text": "a\\"}, ')).toBe(false)
    expect(holdsFirstRecord('[["a", {"entities": []}], ["b", {')).toBe(true)
    expect(holdsFirstRecord('["a", {"entities": [[0, 1, "X"]]}')).toBe(false)
    expect(holdsFirstRecord('["a", {"entities": [[0, 1, "X"]]}]')).toBe(true)
    expect(holdsFirstRecord('   ')).toBe(false)
    expect(holdsFirstRecord('Kerry B-PER')).toBe(true)
  })
})
