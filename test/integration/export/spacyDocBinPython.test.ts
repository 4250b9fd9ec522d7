// The .spacy export as Python reads it: numpy and msgpack, spaCy's DocBin
// reading steps (test/helpers/python/read_docbin.py), and Python's own string
// slicing. String ids are computed there by an implementation of its own.
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { docBinBytes } from '../../../src/main/services/export/spacyDocBinFile'
import { exportDataset } from '../../../src/main/services/export/exportDataset'
import { importFiles } from '../../../src/main/services/import/importFiles'
import { pythonMissing, runPythonConsumer } from '../../helpers/pythonConsumer'
import { tempStore } from '../../helpers/tempWorkspace'
import { makeLayer } from '../../unit/shared/formats/formatTestUtil'

const missing = pythonMissing(['msgpack', 'numpy'])

interface PyDoc {
  text: string
  ents: [string, string][]
  groups: Record<string, [string, string][]>
  flags: { has_unknown_spaces: boolean }
  cats: Record<string, number>
}

const TEXT = '  Family 👨‍👩‍👧 met 😀 Zoé in Tel Aviv.\r\nשלום  עולם said Kerry!\n\nThe University of Texas at Austin 🇮🇱 now. '
const span = (s: string, label: string) => ({ start: TEXT.indexOf(s), end: TEXT.indexOf(s) + s.length, label })

describe.skipIf(missing)(`spacy-docbin export, read by Python as spaCy reads it${missing ? ` (skipped: ${missing})` : ''}`, () => {
  it('every doc\'s text is the document\'s text, doc.ents the outermost spans, doc.spans["sc"] every span, sliced by Python', async () => {
    const { store, dir } = tempStore()
    const spans = [span('👨‍👩‍👧', 'PERSON'), span('Tel Aviv', 'GPE'), span('שלום  עולם', 'ORG'), span('Kerry', 'PERSON'), span('University of Texas at Austin', 'ORG'), span('Texas', 'GPE'), span('Austin', 'GPE'), span('🇮🇱', 'FLAG')]
    const lines = [
      { id: 'a', text: TEXT, annotator: 'ann', offsets: 'utf16', spans },
      { id: 'b', text: 'Nothing here.', annotator: 'ann', spans: [] },
    ]
    fs.writeFileSync(path.join(dir, 'in.jsonl'), lines.map((l) => JSON.stringify(l)).join('\n') + '\n')
    await importFiles(store, [path.join(dir, 'in.jsonl')], { annotator: null, addLabels: true })
    const file = path.join(dir, 'train.spacy')
    await exportDataset(store, file, { format: 'spacy-docbin', annotator: 'ann' })

    const docs = runPythonConsumer<PyDoc[]>('read_docbin.py', [file])
    expect(docs.map((d) => d.text)).toEqual([TEXT, 'Nothing here.'])
    const outer = ['👨‍👩‍👧', 'Tel Aviv', 'שלום  עולם', 'Kerry', 'University of Texas at Austin', '🇮🇱']
    expect(docs[0].ents).toEqual(spans.filter((s) => outer.includes(TEXT.slice(s.start, s.end))).map((s) => [TEXT.slice(s.start, s.end), s.label]))
    expect([...docs[0].groups.sc].sort()).toEqual(spans.map((s) => [TEXT.slice(s.start, s.end), s.label]).sort())
    expect(docs[1]).toEqual({ text: 'Nothing here.', ents: [], groups: { sc: [] }, flags: { has_unknown_spaces: false }, cats: {} })
  })

  it('a label named like a symbol\'s name but not one of spaCy\'s strings ("NIL", entity linking\'s) keeps its own name', () => {
    const { dir } = tempStore()
    const file = path.join(dir, 'nil.spacy')
    fs.writeFileSync(file, docBinBytes([makeLayer('Kerry met Zorblax in Paris.', [[10, 17, 'NIL'], [21, 26, 'GPE']])], { unit: 'codepoint', warn: () => {} }))
    const [doc] = runPythonConsumer<PyDoc[]>('read_docbin.py', [file])
    expect(doc.ents).toEqual([['Zorblax', 'NIL'], ['Paris', 'GPE']])
    expect(doc.groups.sc).toEqual([['Zorblax', 'NIL'], ['Paris', 'GPE']])
  })

  it('an English text whose words are spaCy symbols ("number", "root", "X", "ID", "_", "IDX") and a v2 morphology name read back word for word', async () => {
    // spaCy's StringStore stores a symbol's string by its id ("number" is 432, "_" 456), so the reader must know
    // them (it knew only the entity labels: KeyError 432), and the writer must give spaCy 3's ids ("_", "IDX" and
    // "MORPH" were hashed, which spaCy 3's DocBin.get_docs cannot find; "Case_nom" is no symbol in spaCy 3).
    const { store, dir } = tempStore()
    const text = 'The number X of the root ID _ was set by Kerry mark in IDX and MORPH at Acme , Case_nom aside .'
    const w = (s: string, label: string) => ({ start: text.indexOf(s), end: text.indexOf(s) + s.length, label })
    const spans = [w('Kerry mark', 'PERSON'), w('Acme', 'ORG'), w('root ID', 'dep'), w('Case_nom', 'X')]
    fs.writeFileSync(path.join(dir, 'en.jsonl'), `${JSON.stringify({ id: 'en', text, annotator: 'ann', spans })}\n`)
    await importFiles(store, [path.join(dir, 'en.jsonl')], { annotator: null, addLabels: true, backup: false })
    const file = path.join(dir, 'en.spacy')
    await exportDataset(store, file, { format: 'spacy-docbin', annotator: 'ann' })
    const [doc] = runPythonConsumer<PyDoc[]>('read_docbin.py', [file])
    expect(doc.text).toBe(text)
    const want = [...spans].sort((a, b) => a.start - b.start).map((s) => [text.slice(s.start, s.end), s.label])
    expect(doc.ents).toEqual(want)
    expect(doc.groups.sc).toEqual(want)
    store.close()
  })

  it('two identical spans of one layer (same start, end and label) are both in doc.spans["sc"], as the store holds them', async () => {
    // The store keeps identical spans of one record (distinctSpans.test.ts), and spaCy's SpanGroup keeps duplicates;
    // the export wrote such a pair once. One of them also told its twin apart only by a note, which a DocBin drops.
    const { store, dir } = tempStore()
    const text = 'Kerry met Michel in Brussels.'
    const kerry = { start: 0, end: 5, label: 'PERSON' }
    const spans = [kerry, kerry, { ...kerry, note: 'the speaker' }, { start: 20, end: 28, label: 'GPE' }]
    fs.writeFileSync(path.join(dir, 'twins.jsonl'), `${JSON.stringify({ id: 'twins', text, annotator: 'ann', spans })}\n`)
    const imported = await importFiles(store, [path.join(dir, 'twins.jsonl')], { annotator: null, addLabels: true, backup: false })
    expect(imported.spansAdded).toBe(4)
    const file = path.join(dir, 'twins.spacy')
    const report = await exportDataset(store, file, { format: 'spacy-docbin', annotator: 'ann' })
    const [doc] = runPythonConsumer<PyDoc[]>('read_docbin.py', [file])
    expect(doc.groups.sc).toEqual([['Kerry', 'PERSON'], ['Kerry', 'PERSON'], ['Kerry', 'PERSON'], ['Brussels', 'GPE']])
    // doc.ents cannot hold a token twice: one Kerry, and the warning counts the two left out of it.
    expect(doc.ents).toEqual([['Kerry', 'PERSON'], ['Brussels', 'GPE']])
    expect(report.warnings.join('\n')).toContain('2 spans left out of doc.ents')
    // Read back, the file gives the layer's four spans again.
    const { store: again } = tempStore()
    const back = await importFiles(again, [file], { annotator: 'ann', addLabels: true, backup: false })
    expect(back.spansAdded).toBe(4)
    store.close()
    again.close()
  })
})
