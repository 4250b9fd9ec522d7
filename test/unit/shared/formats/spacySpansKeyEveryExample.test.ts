// spaCy's span categorizer trains on doc.spans[spans_key] ("sc" by default) and reads an example without the key as
// one with no spans: every span of it a negative. The spaCy JSON export wrote "sc" only for documents with overlaps
// (or trimmed spans), so a spancat model trained on it learned that the spans of every other document are not spans.
// Every example now has spans["sc"] with every span (an empty list when there is none), as the .spacy export's Docs
// have, and both exports agree on what it holds.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { docBinBytes } from '../../../../src/main/services/export/spacyDocBinFile'
import { streamCodec } from '../../../../src/shared/formats/registry'
import { pythonMissing, runPythonConsumer } from '../../../helpers/pythonConsumer'
import { decodeAll, encodeAll, makeLayer, records } from './formatTestUtil'

type Chunk = [string, string]

const LAYERS = [
  makeLayer('Nothing to see here.', [], [], { externalId: 'empty' }),
  makeLayer('Kerry met Michel in Brussels.', [[0, 5, 'PERSON'], [10, 16, 'PERSON'], [20, 28, 'GPE']], [], { externalId: 'plain' }),
  makeLayer('The Bank of England said so.', [[4, 19, 'ORG'], [12, 19, 'GPE']], [], { externalId: 'nested' }),
]
const SC: Chunk[][] = [[], [['Kerry', 'PERSON'], ['Michel', 'PERSON'], ['Brussels', 'GPE']], [['Bank of England', 'ORG'], ['England', 'GPE']]]

describe.skipIf(pythonMissing(['json']))('spaCy exports: spans["sc"] on every example', () => {
  it('spacy and spacy-jsonl: every example has "sc" with every span, and a re-import gives the same spans', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-'))
    const array = path.join(dir, 'train.json')
    const { out } = encodeAll(streamCodec('spacy'), LAYERS)
    fs.writeFileSync(array, out)
    const read = runPythonConsumer<{ spacy: { entities: Chunk[]; has_sc: boolean; sc: Chunk[] }[] }>('read_training_chunks.py', [`spacy:${array}`])
    expect(read.spacy.map((d) => d.has_sc)).toEqual([true, true, true])
    expect(read.spacy.map((d) => d.sc)).toEqual(SC)
    expect(read.spacy.map((d) => d.entities)).toEqual([[], SC[1], [['Bank of England', 'ORG']]])
    // spacy-jsonl: the same examples, one a line.
    const lines = encodeAll(streamCodec('spacy-jsonl'), LAYERS).out.trim().split('\n').map((l) => JSON.parse(l) as unknown)
    expect(lines).toEqual(JSON.parse(out))
    // Import reads "sc" and entities as one set of spans: nothing doubled.
    expect(records(decodeAll(streamCodec('spacy'), out)).map((r) => r.spans.map((s) => [s.start, s.end, s.label]))).toEqual(LAYERS.map((l) => l.spans.map((s) => [s.start, s.end, s.label])))
    fs.rmSync(dir, { recursive: true })
  })

  it.skipIf(pythonMissing(['msgpack', 'numpy']))('.spacy: every Doc has doc.spans["sc"] holding what the JSON export\'s "sc" holds', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-'))
    const f = path.join(dir, 'train.spacy')
    fs.writeFileSync(f, docBinBytes(LAYERS, { unit: 'codepoint', warn: () => {} }))
    const docs = runPythonConsumer<{ groups: Record<string, Chunk[]> }[]>('read_docbin.py', [f])
    // The DocBin's groups are sorted by start; the JSON's keep the layer's order (the same here).
    expect(docs.map((d) => d.groups)).toEqual(SC.map((sc) => ({ sc })))
    fs.rmSync(dir, { recursive: true })
  })
})
