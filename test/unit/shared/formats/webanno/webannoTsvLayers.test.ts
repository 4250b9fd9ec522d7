import { describe, expect, it } from 'vitest'
import type { ExportLayer } from '../../../../../src/shared/formats/formatCodec'
import type { ImportRecord } from '../../../../../src/shared/formats/importRecord'
import { encodeWebannoLayers } from '../../../../../src/shared/formats/webanno/webannoTsvCodec'
import { makeLayer } from '../formatTestUtil'
import { decode as decodeAny, fixture } from './tsvTestUtil'

/** The one record of a file, or the file's faults as an error. */
function decode(content: string, file = 'doc.tsv'): ImportRecord {
  const { record, errors } = decodeAny(content, file)
  if (!record) throw new Error(JSON.stringify(errors))
  return record
}

/**
 * The WebAnno TSV export wrote every span as a NamedEntity: a file from INCEpTION with a custom span layer
 * (`webanno.custom.Span`) came back with its spans in another layer, which INCEpTION imports into the wrong layer (or
 * refuses, when the project has no NamedEntity). Now each span goes back to its own layer and column, declared in the
 * header, and the relations to a relation layer over it. Real INCEpTION files (test/fixtures/peers/webanno-tsv, from
 * inception-io-webanno-tsv's test resources), read by our reader as INCEpTION's Tsv3XDeserializer reads them.
 */

function layerOf(r: ImportRecord): ExportLayer {
  return makeLayer(r.text, r.spans.map((s) => [s.start, s.end, s.label]), r.relations.map((x) => [x.head, x.tail, x.label]), { meta: r.meta })
}

function exported(r: ImportRecord): { out: string; warnings: string[] } {
  const warnings: string[] = []
  const out = [...encodeWebannoLayers([layerOf(r)], { warn: (m) => warnings.push(m) })].map((x) => x.content).join('')
  return { out, warnings }
}

const header = (out: string) => out.split('\n').filter((l) => l.startsWith('#T_'))
const spansOf = (r: ImportRecord) => r.spans.map((s) => `${s.start}-${s.end}:${s.label}`).sort()
const relationsOf = (r: ImportRecord) => r.relations.map((x) => `${r.spans[x.head].start}-${r.spans[x.head].end}>${r.spans[x.tail].start}-${r.spans[x.tail].end}:${x.label}`).sort()

describe('WebAnno TSV export: each span in its own layer', () => {
  it('a custom span layer with stacked multi-token spans is written to that layer, and reads back the same', () => {
    const r = decode(fixture('testMultiTokenStackedSpanWithFeatureValue.tsv'))
    const { out } = exported(r)
    expect(header(out)).toEqual(['#T_SP=webanno.custom.Span|value'])
    expect(out).toContain('1-1\t0-4\tThis\tPERSON[1]|LOCATION[2]\t')
    const back = decode(out, 'again.tsv')
    expect(spansOf(back)).toEqual(spansOf(r))
    expect(back.meta.webannoTsv).toEqual(r.meta.webannoTsv)
  })

  it('a custom span layer without values and its custom relation layer: both declared, the relation over its own layer', () => {
    const r = decode(fixture('testSingleStackedNonTokenRelationWithoutFeatureValue.tsv'))
    const { out } = exported(r)
    // INCEpTION's own file, byte for byte: the layers as declared, `*` for no value.
    expect(out).toBe(fixture('testSingleStackedNonTokenRelationWithoutFeatureValue.tsv'))
    const back = decode(out, 'again.tsv')
    expect(spansOf(back)).toEqual(spansOf(r))
    expect(relationsOf(back)).toEqual(relationsOf(r))
    expect(back.meta.webannoTsv).toEqual(r.meta.webannoTsv)
  })

  it('two span layers in one file: NamedEntity and a custom layer keep their own columns; a span added since import is a NamedEntity', () => {
    const file = [
      '#FORMAT=WebAnno TSV 3.3',
      '#T_SP=de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity|identifier|value',
      '#T_SP=webanno.custom.Event|trigger',
      '',
      '',
      '#Text=Kerry visited Paris .',
      '1-1\t0-5\tKerry\t*\tPER\t_\t',
      '1-2\t6-13\tvisited\t_\t_\tTravel\t',
      '1-3\t14-19\tParis\thttp://www.wikidata.org/entity/Q90\tLOC\t_\t',
      '1-4\t20-21\t.\t_\t_\t_\t',
      '',
    ].join('\n')
    const r = decode(file)
    const layer = layerOf(r)
    layer.spans.push({ ...layer.spans[0], id: 999, start: 20, end: 21, label: 'PUNCT' })
    const warnings: string[] = []
    const out = [...encodeWebannoLayers([layer], { warn: (m) => warnings.push(m) })].map((x) => x.content).join('')
    expect(header(out)).toEqual(['#T_SP=de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity|identifier|value', '#T_SP=webanno.custom.Event|trigger'])
    expect(out).toContain('1-2\t6-13\tvisited\t_\t_\tTravel\t')
    expect(out).toContain('1-4\t20-21\t.\t*\tPUNCT\t_\t')
    const back = decode(out, 'again.tsv')
    expect(spansOf(back)).toEqual([...spansOf(r), '20-21:PUNCT'].sort())
    expect(warnings).toEqual([])
  })

  it("a span's attribute goes to its layer's feature of that name (NamedEntity's identifier), and reads back as the attribute", () => {
    const file = [
      '#FORMAT=WebAnno TSV 3.3',
      '#T_SP=de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity|identifier|value',
      '',
      '',
      '#Text=Kerry visited Paris .',
      '1-1\t0-5\tKerry\t*\tPER\t',
      '1-2\t6-13\tvisited\t_\t_\t',
      '1-3\t14-19\tParis\thttp://www.wikidata.org/entity/Q90\tLOC\t',
      '1-4\t20-21\t.\t_\t_\t',
      '',
    ].join('\n')
    const r = decode(file)
    const layer = layerOf(r)
    layer.spans.forEach((s, i) => (s.attributes = { ...r.spans[i].attributes }))
    const warnings: string[] = []
    const out = [...encodeWebannoLayers([layer], { warn: (m) => warnings.push(m) })].map((x) => x.content).join('')
    // INCEpTION's layout, as read.
    expect(out).toBe(file)
    expect(warnings).toEqual([])
    expect(decode(out, 'again.tsv').spans.map((s) => s.attributes)).toEqual([{}, { identifier: 'http://www.wikidata.org/entity/Q90' }])
  })

  it('slot links join spans of two layers, which no TSV relation layer holds: the document is written as before, relations kept, and said so', () => {
    const r = decode(fixture('testSimpleSameRoleSlotFeature.tsv'))
    expect(r.relations).toHaveLength(2)
    const { out, warnings } = exported(r)
    expect(header(out)[0]).toBe('#T_SP=de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity|value')
    const back = decode(out, 'again.tsv')
    expect(spansOf(back)).toEqual(spansOf(r))
    expect(relationsOf(back)).toEqual(relationsOf(r))
    expect(warnings.some((w) => w.startsWith('webanno-tsv: 1 document has relations between spans of two WebAnno layers'))).toBe(true)
  })

  it('a NamedEntity-only file keeps the meta it had (no layers stored) and the header it had', () => {
    const r = decode(fixture('example2.tsv'))
    expect(Object.keys(r.meta.webannoTsv as object).sort()).toEqual(['sentences', 'version'])
    expect(header(exported(r).out)).toEqual(['#T_SP=de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity|value'])
  })
})
