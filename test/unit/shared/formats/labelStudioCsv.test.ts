import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { sniffFormat, streamCodec } from '../../../../src/shared/formats/registry'
import type { ImportRecord } from '../../../../src/shared/formats/importRecord'
import { decodeAll, errors, records } from './formatTestUtil'

/**
 * Label Studio's CSV and TSV exports, as label-studio-converter writes them
 * with pandas (test/fixtures/peers/SOURCES.md): one row per annotation, the
 * regions of the `ner` control as a JSON string in its column, a text over
 * several lines (one with a CRLF) in quotes with "" for its quotes. Each row
 * must read as the same layer the JSON export of the same tasks gives.
 * Before, such a file was "cannot tell the file's format", and with
 * --format labelstudio not JSON.
 */

const dir = path.join(__dirname, '../../../fixtures/peers/labelstudio')
const read = (name: string) => fs.readFileSync(path.join(dir, name), 'utf8')
const codec = streamCodec('labelstudio')

/** What a layer says: its document, annotator and spans as their texts. */
const view = (r: ImportRecord) => ({ id: r.externalId, annotator: r.annotator, spans: r.spans.map((s) => [r.text.slice(s.start, s.end), s.label]).sort() })
const byKey = (rs: ImportRecord[]) => rs.map(view).sort((a, b) => `${a.id}/${a.annotator}`.localeCompare(`${b.id}/${b.annotator}`))

describe('Label Studio CSV and TSV exports', () => {
  const fromJson = records(decodeAll(codec, read('ner_export_tasks.json'), 'codepoint', 'ner_export_tasks.json'))

  for (const file of ['ner_export.csv', 'ner_export.tsv', 'ner_export_semicolon.csv']) {
    it(`${file}: detected, and every row is the layer the JSON export of the same tasks gives`, () => {
      const content = read(file).replace(/^\uFEFF/u, '') // the import drops a BOM before the codec
      expect(sniffFormat(file, content).format).toBe('labelstudio')
      const rs = records(decodeAll(codec, content, 'codepoint', file))
      expect(rs).toHaveLength(4) // the cancelled annotation is not in the file
      expect(byKey(rs)).toEqual(byKey(fromJson))
      // The texts are exact, quotes, CRLF and emoji included.
      const texts = JSON.parse(read('ner_export_tasks.json')) as { id: number; data: { text: string } }[]
      for (const r of rs) expect(r.text).toBe(texts.find((t) => String(t.id) === r.externalId)!.data.text)
      expect(rs.find((r) => r.externalId === '2')!.text).toContain('\r\n')
      // The task annotated with no regions is a layer without spans (a real negative), not a task without layers.
      expect(rs.filter((r) => r.externalId === '3').map((r) => [r.annotator, r.spans.length])).toEqual([['ann@example.com', 0]])
    })
  }

  it('a broken file says which line and why', () => {
    const header = 'text,id,ner,annotator,annotation_id,created_at,updated_at,lead_time\n'
    const good = '"Kerry left",1,"[{""start"": 0, ""end"": 5, ""text"": ""Kerry"", ""labels"": [""PER""]}]",a@x.org,7,,,1.5\n'
    const items = decodeAll(codec, `${header}${good}"Paris,2,[],a@x.org,8,,,1\n`, 'codepoint', 'bad.csv')
    expect(records(items.filter((i) => 'record' in i))).toHaveLength(1)
    expect(errors(items)).toEqual([{ file: 'bad.csv', line: 3, reason: expect.stringMatching(/quoted field is not closed/u) }])
    const short = decodeAll(codec, `${header}${good}"Oslo",3,[]\n`, 'codepoint', 'bad.csv')
    expect(errors(short)).toEqual([{ file: 'bad.csv', line: 3, reason: expect.stringMatching(/row 2 has 3 cells, the header 8/u) }])
    const wrong = decodeAll(codec, `${header}"Kerry left",1,"[{""start"": 0, ""end"": 4, ""text"": ""Kerry"", ""labels"": [""PER""]}]",a@x.org,7,,,1.5\n`, 'codepoint', 'bad.csv')
    expect(errors(wrong)[0]).toMatchObject({ file: 'bad.csv', line: 2, reason: expect.stringMatching(/Kerry/u) })
  })

  it('a CSV that is not a Label Studio export is not taken for one', () => {
    expect(sniffFormat('table.csv', 'name,score\nKerry,1\n').format).toBeNull()
  })
})
