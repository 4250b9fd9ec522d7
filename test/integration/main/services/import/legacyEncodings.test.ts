// Files in other encodings than UTF-8: `--encoding` (the import dialog's Encoding) reads them, offsets count the
// decoded text, a BOM wins over the option (with a warning), and a UTF-8 file read as Latin-1 is said, not silent.
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { importFiles, previewImport } from '../../../../../src/main/services/import/importFiles'
import type { Store } from '../../../../../src/main/store/store'
import { cliInProcess } from '../../../../helpers/cliInProcess'
import { REPO_ROOT, tempDir, tempStore } from '../../../../helpers/tempWorkspace'
import { zip } from '../../../../helpers/zipFile'
import { parseLabelMap } from '../../../../../src/shared/formats/labelMap'

const LATIN1 = path.join(REPO_ROOT, 'test/fixtures/latin1')
const UTF8_BRAT = path.join(REPO_ROOT, 'test/fixtures/brat/conll2002-esp')

/** Every layer's spans of a document, as (text at the offsets, label), in order. */
function spansOf(store: Store, id: string): { text: string; start: number; end: number; label: string }[] {
  const doc = store.documents.byExternalId(id)!
  return store.spans
    .layersOf([doc.id])
    .map((s) => ({ text: doc.text.slice(s.start, s.end), start: s.start, end: s.end, label: s.label }))
    .sort((a, b) => a.start - b.start || a.end - b.end || (a.label < b.label ? -1 : 1))
}

/** Every document's text, in the order imported. */
const texts = (store: Store): string[] => store.documents.byIds(store.documents.idsInIdOrder()).map((d) => d.text)

/** A folder holding copies of `files` (name → path or bytes). */
function folder(files: Record<string, string | Buffer>): string {
  const dir = tempDir()
  for (const [name, from] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), Buffer.isBuffer(from) ? from : fs.readFileSync(from))
  return dir
}

describe('--encoding: Latin-1 and Windows-1252 files', () => {
  it('a Latin-1 brat pair (CoNLL-2002 Spanish) is refused without it, naming --encoding; with latin1 its spans fall on the same words as the UTF-8 original', async () => {
    const dir = folder({ 'esp.train-doc-46.txt': path.join(LATIN1, 'esp.train-doc-46.txt'), 'esp.train-doc-46.ann': path.join(LATIN1, 'esp.train-doc-46.ann') })
    const { store } = tempStore()
    const refused = await importFiles(store, [dir], { annotator: 'a', addLabels: true, backup: false }).catch((e: Error) => e)
    expect((refused as Error).message).toMatch(/esp\.train-doc-46\.txt:3: not valid UTF-8 at byte \d+ \(0xF3: “ó” in Latin-1 and Windows-1252\); .*--encoding latin1, windows-1252, windows-1250, shift_jis, gb18030, utf-16le, … \(in the import dialog: Encoding\)/)
    expect(store.documents.byExternalId('esp.train-doc-46')).toBeNull()

    const r = await importFiles(store, [dir], { annotator: 'a', addLabels: true, backup: false, encoding: 'latin1' })
    expect(r).toMatchObject({ imported: 1, rejected: 0 })
    expect(r.warnings).toBeUndefined()
    const original = tempStore().store
    await importFiles(original, [path.join(UTF8_BRAT, 'esp.train-doc-46.ann')], { annotator: 'a', addLabels: true, backup: false })
    expect(store.documents.byExternalId('esp.train-doc-46')!.text).toBe(original.documents.byExternalId('esp.train-doc-46')!.text)
    const spans = spansOf(store, 'esp.train-doc-46')
    expect(spans).toEqual(spansOf(original, 'esp.train-doc-46'))
    // Each span's text is what the .ann says it is (brat writes the covered text after the offsets).
    const annTexts = fs.readFileSync(path.join(LATIN1, 'esp.train-doc-46.ann'), 'latin1').split('\n').filter((l) => l.startsWith('T')).map((l) => l.split('\t')[2])
    expect(spans.map((s) => s.text).sort()).toEqual(annTexts.sort())
    expect(spans.some((s) => /[^\x00-\x7f]/.test(s.text))).toBe(true)
  })

  it('a Latin-1 CoNLL-2002 file through the CLI: refused without --encoding (exit 1, the line named), read with --encoding iso-8859-1', async () => {
    const { file: db } = tempStore()
    const conll = path.join(LATIN1, 'esp.train-doc-46.conll')
    const refused = await cliInProcess(['import', conll, '--db', db, '--add-labels', '--annotator', 'a'])
    expect(refused.code).toBe(1)
    // Line 42 is `coincidió O`, the first non-ASCII token.
    expect(refused.errors.join('\n')).toMatch(/esp\.train-doc-46\.conll:42: not valid UTF-8 at byte \d+ \(0xF3: “ó” in Latin-1 and Windows-1252\); if the file is in another encoding, name it: --encoding latin1/)
    const ok = await cliInProcess(['import', conll, '--db', db, '--add-labels', '--annotator', 'a', '--encoding', 'ISO-8859-1'])
    expect(ok.errors.filter((l) => !l.startsWith('\r'))).toEqual([])
    expect(ok.code).toBe(0)
    expect(ok.lines.at(-1)).toMatch(/^imported 1 of 1 record \(/)
    const { store } = tempStore()
    await importFiles(store, [conll], { annotator: 'a', addLabels: true, backup: false, encoding: 'latin1' })
    const [text] = texts(store)
    expect(text).toContain('coincidió')
    expect(text).toContain('país africano')
  })

  it('Windows-1252 quotes and the euro sign; read as latin1 they are C1 controls, and the import says to use windows-1252', async () => {
    const dir = tempDir()
    const f = path.join(dir, 'quotes.txt')
    // “Café” costs €3 – in Windows-1252.
    fs.writeFileSync(f, Buffer.from([0x93, ...Buffer.from('Caf'), 0xe9, 0x94, ...Buffer.from(' costs '), 0x80, ...Buffer.from('3 '), 0x96]))
    const { store } = tempStore()
    const r = await importFiles(store, [f], { annotator: null, backup: false, encoding: 'windows-1252' })
    expect(r.warnings).toBeUndefined()
    expect(store.documents.byExternalId('quotes')!.text).toBe('“Café” costs €3 –')
    const other = tempStore().store
    const asLatin1 = await importFiles(other, [f], { annotator: null, backup: false, encoding: 'latin1' })
    expect(other.documents.byExternalId('quotes')!.text).toBe('\u0093Café\u0094 costs \u00803 \u0096')
    expect(asLatin1.warnings).toEqual([{ file: f, reason: expect.stringMatching(/^read as latin1 \(--encoding\), the file holds bytes 0x80-0x9F \(the first on line 1\).*--encoding windows-1252$/) }])
  })

  it('a UTF-8 file read as latin1 is refused naming the file and the line (its mojibake would be stored for good); --force-encoding imports it with a warning, in the preview too', async () => {
    const dir = tempDir()
    const f = path.join(dir, 'utf8.conll')
    fs.writeFileSync(f, 'Kerry B-PER\nfue O\n\nLiège B-LOC\n')
    const { file: db, store } = tempStore()
    const before = store.documents.count()
    store.close()
    const refused = await cliInProcess(['import', f, '--db', db, '--add-labels', '--annotator', 'a', '--encoding', 'latin1'])
    expect(refused.code).toBe(1)
    expect(refused.errors.join('\n')).toContain(
      `${f}:4: read as latin1 (--encoding), but the file is valid UTF-8 with non-ASCII characters from this line on: imported so, each accented letter would be stored as two characters (“é” as “Ã©”) for good; import it without --encoding (UTF-8), or, if it really is latin1, add --force-encoding (in the import dialog: Read as chosen)`,
    )
    const { openStore } = await import('../../../../../src/main/store/store')
    const again = openStore(db)
    expect(again.documents.count()).toBe(before)
    again.close()
    // The same refusal for a whole-file reader (a plain-text document), and in another single-byte encoding (Windows-1250).
    const txt = path.join(dir, 'note.txt')
    fs.writeFileSync(txt, 'Zażółć gęślą jaźń\n')
    await expect(importFiles(tempStore().store, [txt], { annotator: 'a', backup: false, encoding: 'windows-1250' })).rejects.toThrow(`${txt}:1: read as windows-1250 (--encoding), but the file is valid UTF-8`)
    const run = await cliInProcess(['import', f, '--db', db, '--add-labels', '--annotator', 'a', '--encoding', 'latin1', '--force-encoding'])
    expect(run.code).toBe(0)
    expect(run.errors).toContain(
      `warning: ${f}: read as latin1 (--encoding), but the file is valid UTF-8 with non-ASCII characters (the first on line 4): it is most likely UTF-8, and each accented letter was read as two characters (“é” as “Ã©”); import it without --encoding`,
    )
    const p = previewImport([f], { format: null, labelMap: undefined, encoding: 'latin1', forceEncoding: true })
    expect(p.records[0].text).toContain('LiÃ¨ge')
    expect(p.warnings).toHaveLength(1)
    expect(p.warnings[0].reason).toMatch(/most likely UTF-8/)
    // Read as it is (UTF-8), nothing to warn about.
    expect(previewImport([f], { format: null, labelMap: undefined }).warnings).toEqual([])
  })

  it('a BOM wins over --encoding, with a warning: UTF-8 and UTF-16LE files with a BOM read as latin1', async () => {
    const dir = tempDir()
    const a = path.join(dir, 'a.jsonl')
    const b = path.join(dir, 'b.jsonl')
    fs.writeFileSync(a, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"id":"a","text":"Liège"}\n')]))
    fs.writeFileSync(b, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('{"id":"b","text":"Köln"}\n', 'utf16le')]))
    const { store } = tempStore()
    const r = await importFiles(store, [a, b], { annotator: null, backup: false, encoding: 'latin1' })
    expect(store.documents.byExternalId('a')!.text).toBe('Liège')
    expect(store.documents.byExternalId('b')!.text).toBe('Köln')
    expect(r.warnings).toEqual([
      { file: a, reason: 'the file starts with a UTF-8 byte-order mark, so it was read as UTF-8, not as latin1 (--encoding)' },
      { file: b, reason: 'the file starts with a UTF-16LE byte-order mark, so it was read as UTF-16LE, not as latin1 (--encoding)' },
    ])
  })

  it('a ZIP archive and a folder: the encoding applies to every text entry', async () => {
    const dir = tempDir()
    const conll = fs.readFileSync(path.join(LATIN1, 'esp.train-doc-46.conll'))
    const archive = path.join(dir, 'corpus.zip')
    fs.writeFileSync(archive, zip([
      { name: 'one.conll', data: conll },
      { name: 'two.conll', data: Buffer.from('Mar\xeda B-PER\nlleg\xf3 O\n', 'latin1') },
    ]))
    const { store } = tempStore()
    const r = await importFiles(store, [archive], { annotator: 'a', addLabels: true, backup: false, encoding: 'latin1' })
    expect(r).toMatchObject({ imported: 2, rejected: 0 })
    const rows = texts(store)
    expect(rows.some((t) => t.startsWith('María llegó'))).toBe(true)
    expect(rows.some((t) => t.includes('coincidió'))).toBe(true)

    const tree = folder({ 'esp.train-doc-46.txt': path.join(LATIN1, 'esp.train-doc-46.txt'), 'esp.train-doc-46.ann': path.join(LATIN1, 'esp.train-doc-46.ann'), 'b.conll': Buffer.from('Mar\xeda B-PER\n', 'latin1') })
    const second = tempStore().store
    expect(await importFiles(second, [tree], { annotator: 'a', addLabels: true, backup: false, encoding: 'latin1' })).toMatchObject({ imported: 2, rejected: 0 })
  })
})

describe('--encoding: UTF-16 without a byte-order mark', () => {
  it("a ZIP's .txt entry of token-per-line BIO in UTF-16LE is told as CoNLL in the encoding given", async () => {
    const dir = tempDir()
    const archive = path.join(dir, 'corpus.zip')
    fs.writeFileSync(archive, zip([{ name: 'tokens.txt', data: Buffer.from('Kerry B-PERSON\nen O\nK\u00f6ln B-GPE\n', 'utf16le') }]))
    const { store } = tempStore()
    await importFiles(store, [archive], { annotator: 'a', backup: false, encoding: 'utf-16le' })
    expect(texts(store)).toEqual(['Kerry en Köln'])
  })


  const jsonl = '{"id":"k","text":"Kerry in Köln 😊","spans":[{"start":9,"end":13,"label":"GPE"}]}\n{"id":"l","text":"Liège"}\n'

  it('is refused without it, naming the byte order to give; read with --encoding utf-16le or utf-16be, offsets on the same words', async () => {
    const dir = tempDir()
    const le = path.join(dir, 'le.jsonl')
    const be = path.join(dir, 'be.jsonl')
    fs.writeFileSync(le, Buffer.from(jsonl, 'utf16le'))
    fs.writeFileSync(be, Buffer.from(jsonl, 'utf16le').swap16())
    const { store } = tempStore()
    await expect(importFiles(store, [le], { annotator: 'a', backup: false })).rejects.toThrow(/le\.jsonl: the file looks like UTF-16 without a byte-order mark; import it with --encoding utf-16le \(in the import dialog: Encoding\)/)
    await expect(importFiles(store, [be], { annotator: 'a', backup: false })).rejects.toThrow(/be\.jsonl: the file looks like UTF-16 without a byte-order mark; import it with --encoding utf-16be/)
    await importFiles(store, [le], { annotator: 'a', backup: false, encoding: 'utf-16le' })
    expect(spansOf(store, 'k')).toEqual([{ text: 'Köln', start: 9, end: 13, label: 'GPE' }])
    const other = tempStore().store
    await importFiles(other, [be], { annotator: 'a', backup: false, encoding: 'utf-16be' })
    expect(spansOf(other, 'k')).toEqual([{ text: 'Köln', start: 9, end: 13, label: 'GPE' }])
    expect(other.documents.byExternalId('l')!.text).toBe('Liège')
  })

  it('an unpaired surrogate in a UTF-16LE file is refused with its line and byte; the lines before are read', async () => {
    const dir = tempDir()
    const f = path.join(dir, 'bad.jsonl')
    const body = Buffer.from('{"id":"a","text":"ok"}\n{"id":"b","text":"x', 'utf16le')
    fs.writeFileSync(f, Buffer.concat([body, Buffer.from([0x00, 0xd8]), Buffer.from('y"}\n', 'utf16le')]))
    const { store } = tempStore()
    const r = await importFiles(store, [f], { annotator: null, backup: false, encoding: 'utf-16le', skipInvalid: true })
    expect(r.imported).toBe(1)
    expect(r.errors).toEqual([{ file: f, line: 2, reason: `not valid UTF-16LE at byte ${body.length} (an unpaired surrogate, or an odd last byte)` }])
  })
})

describe('--encoding on the command line', () => {
  it('an unknown or ambiguous name is refused with the list; a workspace file is refused with it', async () => {
    const { file: db, dir } = tempStore()
    const f = path.join(dir, 'a.txt')
    fs.writeFileSync(f, 'x')
    const utf16 = await cliInProcess(['import', f, '--db', db, '--encoding', 'utf-16'])
    expect(utf16.code).toBe(1)
    expect(utf16.errors.join('\n')).toMatch(/--encoding "utf-16" is not one the import reads \(UTF-16 without a byte-order mark needs its byte order: utf-16le or utf-16be\)/)
    const unknown = await cliInProcess(['import', f, '--db', db, '--encoding', 'klingon-8'])
    expect(unknown.errors.join('\n')).toMatch(/--encoding "klingon-8" is not an encoding the import knows \(it takes the WHATWG Encoding Standard's names, as browsers do: utf-8, latin1, windows-1252, /)
    const force = await cliInProcess(['import', f, '--db', db, '--force-encoding'])
    expect(force.errors.join('\n')).toMatch(/--force-encoding reads files in the encoding --encoding names; name one/)
    const other = tempStore().file
    const ws = await cliInProcess(['import', other, '--db', db, '--encoding', 'latin1'])
    expect(ws.errors.join('\n')).toMatch(/--encoding reads the text files of other tools; a Spanwright workspace is not one/)
  })
})

describe('XMI: the encoding its XML declaration names', () => {
  const XMI = path.join(REPO_ROOT, 'test/fixtures/peers/xmi/testTokenBoundedSpanWithFeatureValue.xmi')
  // INCEpTION's test file with one letter made non-ASCII (same length, so every offset holds), declared and written in ISO-8859-1.
  const utf8 = fs.readFileSync(XMI, 'utf8').replace('sofaString="This is', 'sofaString="Thís is')
  const labelMap = parseLabelMap([0, 1, 2, 3, 4].map((i) => `NE ${i}=NE_${i}`))

  it('an ISO-8859-1 XMI file is read as it declares; with --encoding latin1 a UTF-8 one is read as UTF-8, with a warning; an encoding not read is named', async () => {
    const dir = tempDir()
    const latin1 = path.join(dir, 'latin1.xmi')
    fs.writeFileSync(latin1, Buffer.from(utf8.replace('encoding="UTF-8"', 'encoding="ISO-8859-1"'), 'latin1'))
    const { store } = tempStore()
    const r = await importFiles(store, [latin1], { annotator: 'a', addLabels: true, labelMap, backup: false })
    expect(r.imported).toBe(1)
    expect(texts(store)).toEqual(['Thís is a test .'])

    const asUtf8 = path.join(dir, 'utf8.xmi')
    fs.writeFileSync(asUtf8, utf8)
    const other = tempStore().store
    const warned = await importFiles(other, [asUtf8], { annotator: 'a', addLabels: true, labelMap, backup: false, encoding: 'latin1' })
    expect(texts(other)).toEqual(['Thís is a test .'])
    expect(warned.warnings).toEqual([{ file: asUtf8, reason: 'the XML declaration says utf-8, so the file was read as utf-8, not as latin1 (--encoding)' }])

    // Any encoding the platform knows is read as declared: Shift_JIS (あ is 0x82 0xA0; one UTF-16 unit, as í was).
    const sjis = path.join(dir, 'sjis.xmi')
    const [head, tail] = utf8.replace('encoding="UTF-8"', 'encoding="Shift_JIS"').split('í')
    fs.writeFileSync(sjis, Buffer.concat([Buffer.from(head, 'latin1'), Buffer.from([0x82, 0xa0]), Buffer.from(tail, 'latin1')]))
    const japanese = tempStore().store
    await importFiles(japanese, [sjis], { annotator: 'a', addLabels: true, labelMap, backup: false })
    expect(texts(japanese)).toEqual(['Thあs is a test .'])
    const ebcdic = path.join(dir, 'ebcdic.xmi')
    fs.writeFileSync(ebcdic, utf8.replace('encoding="UTF-8"', 'encoding="IBM037"'))
    await expect(importFiles(tempStore().store, [ebcdic], { annotator: 'a', addLabels: true, labelMap, backup: false })).rejects.toThrow(
      `${ebcdic}: the XML declaration names the encoding "IBM037", which the import does not know; save the file as UTF-8`,
    )
  })
})
