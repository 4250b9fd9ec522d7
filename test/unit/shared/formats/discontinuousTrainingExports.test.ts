// A discontinuous span ("left … ventricles") in the training exports, read by Python as a training script reads
// them. BIO tags and spaCy's entities and span groups hold contiguous spans only; written as one range from the
// first fragment's start to the last one's end, the words between the fragments ("and right") carried the label and
// a model learned them as part of the entity. Each fragment is now a span of its own, with the span's label, and no
// word outside the fragments gets it; fragments with only whitespace between them are one span.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { docBinBytes } from '../../../../src/main/services/export/spacyDocBinFile'
import type { ExportLayer } from '../../../../src/shared/formats/formatCodec'
import { streamCodec } from '../../../../src/shared/formats/registry'
import { pythonMissing, runPythonConsumer } from '../../../helpers/pythonConsumer'
import { encodeAll, makeLayer } from './formatTestUtil'

type Chunk = [string, string]
interface Read {
  conll: { entities: Chunk[]; tagged: Chunk[] }[]
  hf: { entities: Chunk[]; tagged: Chunk[] }[]
  spacy: { entities: Chunk[]; has_sc: boolean; sc: Chunk[] }[]
  jsonl: [string[], string][][]
  prodigy: [string, string, boolean][][]
}

const at = (text: string, word: string): [number, number] => [text.indexOf(word), text.indexOf(word) + word.length]

/** A layer whose span `label` has the fragments of `words` (each found in the text), plus contiguous `others`. */
function layer(id: string, text: string, words: string[], label: string, others: [string, string][] = []): ExportLayer {
  const fragments = words.map((w) => at(text, w))
  const l = makeLayer(text, [[fragments[0][0], fragments[fragments.length - 1][1], label], ...others.map(([w, lab]): [number, number, string] => [...at(text, w), lab])], [], { externalId: id })
  l.spans[0] = { ...l.spans[0], fragments }
  return l
}

const LAYERS = [
  // An emoji first, so the spaCy and JSONL offsets (code points) differ from JavaScript's UTF-16 ones.
  layer('heart', '😷 The left and right ventricles were dilated.', ['left', 'ventricles'], 'BODY'),
  // A word between the fragments that has a span of its own: the covering range dropped it as overlapping.
  layer('smith', 'Smith met Jones.', ['Smith', 'Jones'], 'PER', [['met', 'ACTION']]),
  // Only whitespace between the fragments: no word lies between them, so they are one span.
  layer('york', 'New  York is big.', ['New', 'York'], 'LOC'),
  makeLayer('Nothing here.', [], [], { externalId: 'none' }),
]

const skip = pythonMissing(['json'])

describe.skipIf(skip)('discontinuous spans in the training exports, as Python reads them', () => {
  it('CoNLL, Hugging Face, spaCy JSON, Prodigy and JSONL: only the fragments carry the label; the export says how many', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'disc-'))
    const warnings: string[] = []
    const file = (format: 'conll' | 'hf' | 'spacy' | 'jsonl' | 'prodigy') => {
      const f = path.join(dir, `out.${format}`)
      const r = encodeAll(streamCodec(format), LAYERS)
      warnings.push(...r.warnings)
      fs.writeFileSync(f, r.out)
      return `${format}:${f}`
    }
    const read = runPythonConsumer<Read>('read_training_chunks.py', [file('conll'), file('hf'), file('spacy'), file('jsonl'), file('prodigy')])
    const chunks: Chunk[][] = [[['left', 'BODY'], ['ventricles', 'BODY']], [['Smith', 'PER'], ['met', 'ACTION'], ['Jones', 'PER']], [['New York', 'LOC']], []]
    const words: Chunk[][] = [[['left', 'BODY'], ['ventricles', 'BODY']], [['Smith', 'PER'], ['met', 'ACTION'], ['Jones', 'PER']], [['New', 'LOC'], ['York', 'LOC']], []]
    for (const format of ['conll', 'hf'] as const) {
      expect([format, read[format].map((d) => d.entities)]).toEqual([format, chunks])
      expect([format, read[format].map((d) => d.tagged)]).toEqual([format, words])
    }
    // spaCy's offsets are characters: the joined fragments' slice keeps the text's two spaces.
    const spacyChunks = chunks.map((d) => d.map(([w, lab]): Chunk => [w === 'New York' ? 'New  York' : w, lab]))
    // In the layer's order (the fragments where their span was); order means nothing to spaCy.
    const sorted = (docs: Chunk[][]) => docs.map((d) => [...d].sort())
    expect(sorted(read.spacy.map((d) => d.entities))).toEqual(sorted(spacyChunks))
    expect(sorted(read.spacy.map((d) => d.sc))).toEqual(sorted(spacyChunks))
    // Prodigy (spans with token indexes): the fragments, each on its tokens.
    expect(sorted(read.prodigy.map((d) => d.map(([w, lab, onTokens]): Chunk => [onTokens ? w : `${w} (not on tokens)`, lab])))).toEqual(sorted(spacyChunks))
    // JSONL keeps the span whole, with its fragments.
    expect(read.jsonl).toEqual([[[['left', 'ventricles'], 'BODY']], [[['Smith', 'Jones'], 'PER'], [['met'], 'ACTION']], [[['New', 'York'], 'LOC']], []])
    for (const format of ['conll', 'hf', 'spacy', 'prodigy']) {
      expect(warnings).toContain(
        `${format}: 3 discontinuous spans were written as their fragments, each a span of its own with the span's label (the format has no discontinuous spans); the words between fragments do not get the label`,
      )
    }
    expect(warnings.filter((w) => /overlapping/.test(w))).toEqual([])
    fs.rmSync(dir, { recursive: true })
  })

  it('.spacy: doc.ents and doc.spans["sc"] hold the fragments, not the words between them', () => {
    const skipDocBin = pythonMissing(['msgpack', 'numpy'])
    if (skipDocBin) return
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'disc-'))
    const f = path.join(dir, 'out.spacy')
    const warnings: string[] = []
    fs.writeFileSync(f, docBinBytes(LAYERS, { unit: 'codepoint', warn: (m) => warnings.push(m) }))
    const docs = runPythonConsumer<{ ents: Chunk[]; groups: Record<string, Chunk[]> }[]>('read_docbin.py', [f])
    const chunks: Chunk[][] = [[['left', 'BODY'], ['ventricles', 'BODY']], [['Smith', 'PER'], ['met', 'ACTION'], ['Jones', 'PER']], [['New  York', 'LOC']], []]
    expect(docs.map((d) => d.ents)).toEqual(chunks)
    expect(docs.map((d) => d.groups)).toEqual(chunks.map((sc) => ({ sc })))
    expect(warnings).toContain(
      `spacy-docbin: 3 discontinuous spans were written as their fragments, each a span of its own with the span's label (the format has no discontinuous spans); the words between fragments do not get the label`,
    )
    fs.rmSync(dir, { recursive: true })
  })
})
