// A discontinuous span ("left … ventricles") in the annotation tools' exports (doccano, doccano-rel, Label Studio,
// WebAnno TSV), read by Python as a training or conversion script reads them (doccano-transformer and Label Studio's
// converters slice the text). None of these tools has discontinuous spans; written as one range from the first
// fragment's start to the last one's end, the words between the fragments ("and right") were taught as part of the
// entity. Each fragment is now a span of its own with the span's label, as the training exports write it; a relation
// to the span goes to its first fragment, and ids stay unique within a record. (XMI: xmiDiscontinuous.test.ts.)
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import type { ExportLayer } from '../../../../src/shared/formats/formatCodec'
import { streamCodec } from '../../../../src/shared/formats/registry'
import { pythonMissing, runPythonConsumer } from '../../../helpers/pythonConsumer'
import { decodeAll, encodeAll, makeLayer, records } from './formatTestUtil'
import type { RelationSpec } from './formatTestUtil'

type Chunk = [string, string]
interface Doc {
  spans: Chunk[]
  relations: [string, string, string][]
  problems: string[]
}

const at = (text: string, word: string): [number, number] => [text.indexOf(word), text.indexOf(word) + word.length]

/** A layer whose first span `label` has the fragments of `words`, plus contiguous `others` ([word, label, source id]). */
function layer(id: string, text: string, words: string[], label: string, others: [string, string, string?][] = [], relations: RelationSpec[] = []): ExportLayer {
  const fragments = words.map((w) => at(text, w))
  const spans = others.map(([w, lab, src]): [number, number, string, string?] => [...at(text, w), lab, src])
  const l = makeLayer(text, [[fragments[0][0], fragments[fragments.length - 1][1], label, '7'], ...spans], relations, { externalId: id })
  l.spans[0] = { ...l.spans[0], fragments, note: 'both ventricles' }
  return l
}

const LAYERS = [
  // An emoji first, so code points and UTF-16 differ; relations to and from the discontinuous span.
  layer('heart', '😷 The left and right ventricles were dilated.', ['left', 'ventricles'], 'BODY', [['dilated', 'COND']], [[1, 0, 'AFFECTS'], [0, 1, 'HAS']]),
  // A word between the fragments with a span of its own, whose source id is the id a fresh fragment id could take.
  layer('smith', 'Smith met Jones.', ['Smith', 'Jones'], 'PER', [['met', 'ACTION', '102']], [[1, 0, 'AGENT']]),
  // Only whitespace between the fragments: no word lies between them, so they are one span.
  layer('york', 'New  York is big.', ['New', 'York'], 'LOC'),
]

const FRAGMENTS: Chunk[][] = [
  [['left', 'BODY'], ['ventricles', 'BODY'], ['dilated', 'COND']],
  [['Smith', 'PER'], ['Jones', 'PER'], ['met', 'ACTION']],
  [['New  York', 'LOC']],
]
// Relations to the discontinuous span go to its first fragment.
const RELATIONS = [
  [['dilated', 'left', 'AFFECTS'], ['left', 'dilated', 'HAS']],
  [['met', 'Smith', 'AGENT']],
  [],
]
const WARNING = (f: string) =>
  `${f}: 3 discontinuous spans were written as their fragments, each a span of its own with the span's label (the format has no discontinuous spans); the words between fragments do not get the label`

const FORMATS = ['doccano', 'doccano-rel', 'labelstudio', 'webanno-tsv'] as const
const skip = pythonMissing(['json'])

describe.skipIf(skip)('discontinuous spans in the annotation tools’ exports, as Python reads them', () => {
  it('doccano, doccano-rel, Label Studio and WebAnno TSV: only the fragments carry the label, relations reach the first fragment, ids unique', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'disc-'))
    const warnings: Record<string, string[]> = {}
    const args = FORMATS.map((f) => {
      const file = path.join(dir, `out.${f}`)
      const r = encodeAll(streamCodec(f), LAYERS)
      warnings[f] = r.warnings.filter((w) => /discontinuous/.test(w))
      fs.writeFileSync(file, r.out)
      return `${f}:${file}`
    })
    const read = runPythonConsumer<Record<(typeof FORMATS)[number], Doc[]>>('read_annotation_spans.py', args)
    for (const f of FORMATS) {
      // WebAnno TSV's spans are tokens: "New  York" is the tokens New and York.
      const spans = f === 'webanno-tsv' ? FRAGMENTS.map((d) => d.map(([w, l]): Chunk => [w.replace(/ +/u, ' '), l])) : FRAGMENTS
      const sorted = (docs: Chunk[][]) => docs.map((d) => [...d].sort())
      expect([f, sorted(read[f].map((d) => d.spans))]).toEqual([f, sorted(spans)])
      const relations = f === 'doccano' ? [[], [], []] : RELATIONS
      expect([f, read[f].map((d) => d.relations)]).toEqual([f, relations])
      expect([f, read[f].flatMap((d) => d.problems)]).toEqual([f, []])
      expect([f, warnings[f]]).toEqual([f, [WARNING(f)]])
    }
    // doccano-rel: the first fragment keeps the span's source id, the second is numbered past every id and source id,
    // so "met" keeps its own source id 102.
    const rel = encodeAll(streamCodec('doccano-rel'), LAYERS).out.trim().split('\n').map((l) => JSON.parse(l) as { entities: { id: number }[] })
    expect(rel[1].entities.map((e) => e.id)).toEqual([7, 103, 102])
    // WebAnno TSV has no column for notes: the three noted spans are counted once each, not once per fragment.
    expect(encodeAll(streamCodec('webanno-tsv'), LAYERS).warnings).toContain('webanno-tsv: 3 spans or relations had attributes or notes the file has no column for (a span\'s attribute is written only where its layer declares that feature)')
    // Label Studio: the span's note is each fragment's region meta text.
    const ls = JSON.parse(encodeAll(streamCodec('labelstudio'), LAYERS).out) as { annotations: { result: { value?: { text: string }; meta?: { text: string[] } }[] }[] }[]
    expect(ls[0].annotations[0].result.filter((r) => r.meta).map((r) => [r.value!.text, r.meta!.text])).toEqual([
      ['left', ['both ventricles']],
      ['ventricles', ['both ventricles']],
    ])
    fs.rmSync(dir, { recursive: true })
  })
})

describe('importing our own annotation-tool export', () => {
  it('gives the fragments as separate spans (not the discontinuous span), with the relations on the first fragment', () => {
    for (const f of FORMATS) {
      // WebAnno TSV holds one document a file.
      const recs = LAYERS.flatMap((l) => records(decodeAll(streamCodec(f), encodeAll(streamCodec(f), [l]).out)))
      const view = recs.map((r) => ({
        spans: r.spans.map((s) => [r.text.slice(s.start, s.end), s.label, s.fragments]).sort(),
        relations: r.relations.map((rel) => [r.text.slice(r.spans[rel.head].start, r.spans[rel.head].end), r.text.slice(r.spans[rel.tail].start, r.spans[rel.tail].end), rel.label]),
      }))
      expect([f, view.map((v) => v.spans)]).toEqual([f, FRAGMENTS.map((d) => d.map(([w, l]) => [w, l, null]).sort())])
      if (f !== 'doccano') expect([f, view.map((v) => v.relations.sort())]).toEqual([f, RELATIONS.map((d) => [...d].sort())])
    }
    // The native JSONL keeps the span whole, with its fragments.
    const native = records(decodeAll(streamCodec('jsonl'), encodeAll(streamCodec('jsonl'), LAYERS).out))
    expect(native.map((r) => r.spans.filter((s) => s.fragments).map((s) => [s.label, s.fragments!.map(([a, b]) => r.text.slice(a, b))]))).toEqual([
      [['BODY', ['left', 'ventricles']]],
      [['PER', ['Smith', 'Jones']]],
      [['LOC', ['New', 'York']]],
    ])
  })
})
