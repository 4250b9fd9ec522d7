// INCEpTION's XMI files imported into a real workspace: by extension, by content, by --format, in INCEpTION's
// project-export layout (one CAS per annotator), through the CLI, and refused whole when one file is bad.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { importFiles } from '../../../src/main/services/import/importFiles'
import { parseLabelMap } from '../../../src/shared/formats/labelMap'
import { zipEntries, zipEntryData } from '../../../src/main/services/import/zipArchive'
import type { Store } from '../../../src/main/store/store'
import { REPO_ROOT, tempDir, tempStore } from '../../helpers/tempWorkspace'

const XMI = path.join(REPO_ROOT, 'test', 'fixtures', 'peers', 'xmi')
const at = (f: string) => path.join(XMI, f)
/** INCEpTION's test CAS labels its spans "NE 0".."NE 4": names with a space, which a label cannot have, so they are renamed. */
const NE = parseLabelMap([0, 1, 2, 3, 4].map((i) => `NE ${i}=NE_${i}`))

/** Every stored span as [annotator, covered text, label], read back from the store by slicing the stored text. */
function storedSpans(store: Store): [string, string, string][] {
  const rows = store.db
    .prepare(
      `SELECT a.name AS annotator, d.text AS text, s.start AS start, s."end" AS "end", l.name AS label
       FROM spans s JOIN documents d ON d.id = s.document_id JOIN annotators a ON a.id = s.annotator_id JOIN label_types l ON l.id = s.label_id
       ORDER BY a.name, s.start, s.id`,
    )
    .all() as { annotator: string; text: string; start: number; end: number; label: string }[]
  return rows.map((r) => [r.annotator, r.text.slice(r.start, r.end), r.label])
}

const count = (store: Store, table: string) => (store.db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n

describe('XMI import into a workspace', () => {
  it('a single .xmi file: spans with their words and labels, the document id from DocumentMetaData', async () => {
    const { store } = tempStore()
    // Without a rename the names are refused, as in every format: CoNLL and BIO tags split on the space.
    await expect(importFiles(store, [at('testTokenBoundedSpanWithFeatureValue.xmi')], { annotator: 'alice', addLabels: true })).rejects.toThrow(
      /testTokenBoundedSpanWithFeatureValue\.xmi: spans\[0\]: label "NE 0": a label name cannot contain whitespace; rename it with --map-label "NE 0=NE_0"/,
    )
    expect(count(store, 'documents')).toBe(0)
    const r = await importFiles(store, [at('testTokenBoundedSpanWithFeatureValue.xmi')], { annotator: 'alice', addLabels: true, labelMap: NE })
    expect([r.documentsAdded, r.spansAdded, r.relationsAdded, r.rejected]).toEqual([1, 5, 0, 0])
    expect(storedSpans(store)).toEqual([
      ['alice', 'This', 'NE_0'],
      ['alice', 'is', 'NE_1'],
      ['alice', 'a', 'NE_2'],
      ['alice', 'test', 'NE_3'],
      ['alice', '.', 'NE_4'],
    ])
    expect(store.db.prepare('SELECT external_id AS id, text FROM documents').get()).toEqual({ id: 'doc', text: 'This is a test .' })
    expect(r.notes).toMatchObject({ 'XMI Token annotations (document structure), not imported': 5 })
    store.close()
  })

  it("INCEpTION's export layout: annotation/<document>/<user>.xmi gives one document with each user's layer", async () => {
    const { store } = tempStore()
    const project = tempDir()
    const doc = path.join(project, 'annotation', 'test.txt')
    fs.mkdirSync(doc, { recursive: true })
    // Two real CASes of the same text, as two annotators' files; the type system beside them is not a document.
    fs.copyFileSync(at('testTokenBoundedSpanWithFeatureValue.xmi'), path.join(doc, 'alice.xmi'))
    fs.copyFileSync(at('testSimpleSlotFeature.xmi'), path.join(doc, 'bob.xmi'))
    fs.writeFileSync(path.join(doc, 'TypeSystem.xml'), '<?xml version="1.0"?><typeSystemDescription xmlns="http://uima.apache.org/resourceSpecifier"/>')
    const r = await importFiles(store, [project], { annotator: null, addLabels: true, labelMap: NE })
    expect([r.documentsAdded, r.layersAdded, r.spansAdded, r.relationsAdded]).toEqual([1, 2, 8, 2])
    expect(store.db.prepare('SELECT external_id AS id FROM documents').all()).toEqual([{ id: 'test.txt' }])
    const spans = storedSpans(store)
    expect(spans.filter(([a]) => a === 'alice').map(([, t, l]) => `${t}/${l}`)).toEqual(['This/NE_0', 'is/NE_1', 'a/NE_2', 'test/NE_3', './NE_4'])
    expect(spans.filter(([a]) => a === 'bob').map(([, t, l]) => `${t}/${l}`)).toEqual(['This/SimpleLinkHost', 'is/SimpleSpan', 'a/SimpleSpan'])
    const rels = store.db
      .prepare('SELECT l.name AS label, r.kind AS kind FROM relations r JOIN label_types l ON l.id = r.label_id ORDER BY l.name')
      .all()
    expect(rels).toEqual([
      { label: 'p1', kind: 'role' },
      { label: 'p2', kind: 'role' },
    ])
    // Importing the export again changes nothing.
    const again = await importFiles(store, [project], { annotator: null, labelMap: NE })
    expect([again.documentsAdded, again.spansAdded, again.relationsAdded]).toEqual([0, 0, 0])
    store.close()
  })

  it("INCEpTION's export as a ZIP: each annotator's XMI (loose, or in its own per-user archive) is that user's layer", async () => {
    const { store } = tempStore()
    const r = await importFiles(store, [at('inception_export_made_with_infozip.zip')], { annotator: null, addLabels: true, labelMap: NE })
    expect([r.linesRead, r.documentsAdded, r.layersAdded, r.spansAdded, r.relationsAdded]).toEqual([3, 1, 3, 10, 2])
    expect(store.db.prepare('SELECT external_id AS id FROM documents').all()).toEqual([{ id: 'test.txt' }])
    const byUser = (u: string) => storedSpans(store).filter(([a]) => a === u).map(([, t, l]) => `${t}/${l}`)
    expect(byUser('alice')).toEqual(['This/NE_0', 'is/NE_1', 'a/NE_2', 'test/NE_3', './NE_4'])
    expect(byUser('bob')).toEqual(['This/SimpleLinkHost', 'is/SimpleSpan', 'a/SimpleSpan'])
    expect(byUser('carol')).toEqual(['This is a test ./NamedEntity', 'This is a test ./NamedEntity'])
    store.close()
  })

  it('an unzipped INCEpTION export whose users\' CASes are per-user archives (annotation/<document>/<user>.zip)', async () => {
    const { store } = tempStore()
    const project = tempDir()
    const doc = path.join(project, 'annotation', 'test.txt')
    fs.mkdirSync(doc, { recursive: true })
    const archive = fs.readFileSync(at('inception_export_made_with_infozip.zip'))
    const entries = zipEntries(archive)
    for (const user of ['bob', 'carol']) fs.writeFileSync(path.join(doc, `${user}.zip`), zipEntryData(archive, entries.find((e) => e.name === `annotation/test.txt/${user}.zip`)!))
    const r = await importFiles(store, [project], { annotator: null, addLabels: true, labelMap: NE })
    expect([r.documentsAdded, r.layersAdded, r.spansAdded, r.relationsAdded]).toEqual([1, 2, 5, 2])
    expect(store.db.prepare('SELECT a.name AS name, COUNT(*) AS n FROM spans s JOIN annotators a ON a.id = s.annotator_id GROUP BY a.name ORDER BY a.name').all()).toEqual([
      { name: 'bob', n: 3 },
      { name: 'carol', n: 2 },
    ])
    store.close()
  })

  it('a damaged ZIP names the archive and entry; a ZIP without XMI is refused as before; nothing is stored', async () => {
    const { store } = tempStore()
    const dir = tempDir()
    const bad = Buffer.from(fs.readFileSync(at('inception_export_made_with_infozip.zip')))
    // carol's archive is stored (not deflated) in the export: damage its XMI's compressed bytes inside it.
    const inner = bad.indexOf(Buffer.from('test.txt.xmi'), bad.indexOf(Buffer.from('annotation/test.txt/carol.zip')) + 40)
    bad.fill(0xff, inner + 20, inner + 60)
    fs.writeFileSync(path.join(dir, 'export.zip'), bad)
    await expect(importFiles(store, [path.join(dir, 'export.zip')], { annotator: null, addLabels: true, labelMap: NE })).rejects.toThrow(
      /export\.zip!\/annotation\/test\.txt\/carol\.zip!\/test\.txt\.xmi: test\.txt\.xmi: damaged ZIP entry/,
    )
    expect([count(store, 'documents'), count(store, 'spans')]).toEqual([0, 0])
    // A cut archive (a download that stopped) is refused naming it.
    fs.writeFileSync(path.join(dir, 'cut.zip'), fs.readFileSync(at('inception_export_made_with_infozip.zip')).subarray(0, 2000))
    await expect(importFiles(store, [path.join(dir, 'cut.zip')], { annotator: null })).rejects.toThrow(/cut\.zip: damaged ZIP archive \(no end of central directory\)/)
    // An archive with no XMI (nor data files) in it is not read as one: named alone it is refused, naming what it skipped; in a folder it is left alone.
    const other = path.join(dir, 'other')
    fs.mkdirSync(other)
    let noXmi = fs.readFileSync(at('inception_export_made_with_infozip.zip')).toString('latin1')
    // (its source text renamed too: a .txt entry is read as plain text since h60)
    for (const [from, to] of [['alice.xmi', 'alice.png'], ['bob.zip', 'bob.bin'], ['carol.zip', 'carol.bin'], ['source/test.txt', 'source/test.md_']]) noXmi = noXmi.split(from).join(to)
    fs.writeFileSync(path.join(other, 'pictures.zip'), Buffer.from(noXmi, 'latin1'))
    await expect(importFiles(store, [path.join(other, 'pictures.zip')], { annotator: null })).rejects.toThrow(/pictures\.zip: a ZIP archive holding no file the import reads .*; skipped .*alice\.png: not a file the import reads/)
    fs.copyFileSync(at('testTokenBoundedSpanWithFeatureValue.xmi'), path.join(other, 'doc.xmi'))
    const r = await importFiles(store, [other], { annotator: 'alice', addLabels: true, labelMap: NE })
    expect([r.linesRead, r.spansAdded]).toEqual([1, 5])
    store.close()
  })

  it('an XMI named .xml is told by its namespace; a type system given by name is refused saying what it is', async () => {
    const { store } = tempStore()
    const dir = tempDir()
    const xml = path.join(dir, 'cas.xml')
    fs.copyFileSync(at('testCrossSentenceSpanWithFeatureValue.xmi'), xml)
    const r = await importFiles(store, [xml], { annotator: 'alice', addLabels: true, labelMap: NE })
    expect([r.documentsAdded, r.spansAdded]).toEqual([1, 1])
    expect(storedSpans(store)).toEqual([['alice', 'He loves her .\nShe loves him not .', 'PERSON']])
    const ts = path.join(dir, 'TypeSystem.xml')
    fs.writeFileSync(ts, '<?xml version="1.0"?>\n<typeSystemDescription xmlns="http://uima.apache.org/resourceSpecifier"/>')
    await expect(importFiles(store, [ts], { annotator: null })).rejects.toThrow(/TypeSystem\.xml:1: a UIMA type system description, not an annotated document/)
    store.close()
  })

  it('one bad file fails the whole import naming file and line, and nothing is stored; --skip-invalid imports the rest', async () => {
    const { store } = tempStore()
    const dir = tempDir()
    fs.copyFileSync(at('testTokenBoundedSpanWithFeatureValue.xmi'), path.join(dir, 'good.xmi'))
    const bad = fs.readFileSync(at('testCrossSentenceSpanWithFeatureValue.xmi'), 'utf8').replace('begin="0" end="34" value="PERSON"', 'begin="0" end="340" value="PERSON"')
    fs.writeFileSync(path.join(dir, 'bad.xmi'), bad)
    await expect(importFiles(store, [dir], { annotator: 'alice', addLabels: true, labelMap: NE })).rejects.toThrow(
      /bad\.xmi:15: NamedEntity \(xmi:id 14\): offsets 0-340 are outside the text \(34 UTF-16 code units\)/,
    )
    expect([count(store, 'documents'), count(store, 'spans')]).toEqual([0, 0])
    const r = await importFiles(store, [dir], { annotator: 'alice', addLabels: true, skipInvalid: true, labelMap: NE })
    expect([r.linesRead, r.imported, r.rejected, r.spansAdded]).toEqual([2, 1, 1, 5])
    expect(r.errors.map((e) => `${path.basename(e.file)}:${e.line}`)).toEqual(['bad.xmi:15'])
    store.close()
  })

  it('malformed XML is refused with its line', async () => {
    const { store } = tempStore()
    const dir = tempDir()
    const file = path.join(dir, 'broken.xmi')
    fs.writeFileSync(file, fs.readFileSync(at('testSimpleChain.xmi'), 'utf8').replace('<custom:SimpleChain xmi:id="89" sofa="12" first="82"/>', '<custom:SimpleChain xmi:id="89" sofa="12" first="82">'))
    // The element left open on line 15 shows as a fault at the close tag that does not match it (line 16).
    await expect(importFiles(store, [file], { annotator: 'alice', addLabels: true, labelMap: NE })).rejects.toThrow(/broken\.xmi:16: not well-formed XML: unexpected close tag/)
    expect(count(store, 'documents')).toBe(0)
    store.close()
  })

  it('the CLI imports with --format xmi and prints what it did not import', () => {
    const { store, file: db } = tempStore()
    store.close()
    const r = spawnSync(process.execPath, [path.join(REPO_ROOT, 'bin', 'spanwright.mjs'), 'import', at('testSimpleChain.xmi'), '--db', db, '--format', 'xmi', '--annotator', 'alice', '--add-labels'], {
      encoding: 'utf8',
      timeout: 60_000,
    })
    expect(r.stderr).toBe('')
    expect(r.status).toBe(0)
    expect(r.stdout).toMatch(/1 new document, 1 new layer, 3 spans \(0 already present\), 2 relations/)
    expect(r.stdout).toMatch(/note: 5 XMI Token annotations \(document structure\), not imported/)
  })
})
