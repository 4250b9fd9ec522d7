// WebAnno TSV 3 files written by INCEpTION (its own test suite, test/fixtures/peers/webanno-tsv) import into a real
// workspace by detection and by --format, with what is not imported counted; a bad file changes nothing.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { exportDataset } from '../../../src/main/services/export/exportDataset'
import { importFiles, previewImport } from '../../../src/main/services/import/importFiles'
import { listSources } from '../../../src/main/services/import/inputSources'
import { parseLabelMap } from '../../../src/shared/formats/labelMap'
import type { Store } from '../../../src/main/store/store'
import { REPO_ROOT, tempDir, tempStore } from '../../helpers/tempWorkspace'

const DIR = path.join(REPO_ROOT, 'test/fixtures/peers/webanno-tsv')
const at = (f: string) => path.join(DIR, f)

function rows(store: Store) {
  const spans = store.db
    .prepare('SELECT s.start, s."end" AS e, l.name AS label, d.text FROM spans s JOIN documents d ON d.id = s.document_id JOIN label_types l ON l.id = s.label_id ORDER BY s.id')
    .all() as { start: number; e: number; label: string; text: string }[]
  const n = (sql: string) => (store.db.prepare(sql).get() as { n: number }).n
  return { spans: spans.map((s) => [s.label, s.text.slice(s.start, s.e)]), documents: n('SELECT COUNT(*) AS n FROM documents'), relations: n('SELECT COUNT(*) AS n FROM relations') }
}

describe('WebAnno TSV 3 import into a workspace', () => {
  it('example2.tsv by detection: entity spans at their text, POS and dependencies counted; twice changes nothing', async () => {
    const { store } = tempStore()
    const r = await importFiles(store, [at('example2.tsv')], { annotator: 'alice', addLabels: true })
    expect([r.documentsAdded, r.spansAdded, r.relationsAdded, r.rejected]).toEqual([1, 9, 0, 0])
    expect(r.notes).toEqual({
      'WebAnno POS annotations (document structure), not imported': 86,
      'WebAnno Dependency annotations (document structure), not imported': 86,
    })
    const got = rows(store)
    expect(got.documents).toBe(1)
    expect(got.relations).toBe(0)
    expect(got.spans).toEqual([
      ['PER', 'Ms. Haag'],
      ['OTH', 'Elianti'],
      ['ORG', 'Rolls-Royce Motor'],
      ['LOC', 'U.S.'],
      ['LOC', 'U.S.'],
      ['ORG', 'BELL INDUSTRIES Inc.'],
      ['PER', 'BELL'],
      ['ORG', 'Bell'],
      ['LOC', 'Los Angeles'],
    ])
    expect(store.db.prepare("SELECT external_id AS id FROM documents").get()).toEqual({ id: 'example2' })
    const again = await importFiles(store, [at('example2.tsv')], { annotator: 'alice', format: 'webanno-tsv' })
    expect([again.documentsAdded, again.spansAdded, again.relationsAdded]).toEqual([0, 0, 0])
    store.close()
  })

  it('chains and slot links become spans and relations; zero-length spans and token relations are counted', async () => {
    const { store } = tempStore()
    const files = ['testSimpleChain.tsv', 'testSimpleSameRoleSlotFeature.tsv', 'testSubMultiTokenSpanWithFeatureValue.tsv', 'testSingleTokenRelationWithoutFeatureValue.tsv'].map(at)
    const r = await importFiles(store, files, { annotator: 'alice', addLabels: true })
    expect(r.rejected).toBe(0)
    expect(r.notes).toEqual({
      'WebAnno zero-length spans (a Spanwright span covers at least one character), not imported': 3,
      'WebAnno relations or links whose ends are not imported spans (tokens, zero-length or document-structure annotations), not imported': 1,
    })
    expect(r.spansAdded).toBe(3 + 3 + 9)
    expect(r.relationsAdded).toBe(2 + 2)
    const kinds = store.db.prepare("SELECT l.name, r.kind FROM relations r JOIN label_types l ON l.id = r.label_id ORDER BY r.id").all()
    expect(kinds).toEqual([
      { name: 'SimpleLink', kind: 'binary' },
      { name: 'SimpleLink', kind: 'binary' },
      { name: 'p1', kind: 'role' },
      { name: 'p1', kind: 'role' },
    ])
    expect(rows(store).documents).toBe(4)
    store.close()
  })

  it('the emoji sentence is stored in UTF-16 and exported in code points (Python slicing)', async () => {
    const { store, dir } = tempStore()
    await importFiles(store, [at('docs-emoji-example.tsv')], { annotator: 'alice', addLabels: true })
    const out = path.join(dir, 'out.jsonl')
    await exportDataset(store, out, { format: 'jsonl' })
    const line = JSON.parse(fs.readFileSync(out, 'utf8').trim())
    expect(line.text).toBe('I like it 😊 .')
    expect(line.spans.map((s: { start: number; end: number; label: string }) => [s.start, s.end, s.label])).toEqual([[10, 11, 'Span']])
    expect([...line.text].slice(10, 11).join('')).toBe('😊')
    store.close()
  })

  it('a bad file is refused with file:line: reason and the workspace is left as it was', async () => {
    const { store } = tempStore()
    await importFiles(store, [at('testCrossSentenceSpanWithoutFeatureValue.tsv')], { annotator: 'alice', addLabels: true })
    const before = rows(store)
    const bad = path.join(tempDir(), 'broken.tsv')
    fs.writeFileSync(bad, fs.readFileSync(at('example2.tsv'), 'utf8').replace('1-2\t4-8\tHaag', '1-2\t4-9\tHaag'))
    await expect(importFiles(store, [at('testSentenceId.tsv'), bad], { annotator: 'alice', addLabels: true })).rejects.toThrow(
      /broken\.tsv:9: token "Haag" does not match the #Text= text at 4-9: "Haag "/u,
    )
    expect(rows(store)).toEqual(before)
    const special = importFiles(store, [at('testTokenBoundedSpanWithSpecialSymbolsValue.tsv')], { annotator: 'alice', addLabels: true })
    // INCEpTION's label holds whitespace and ":", which a label cannot: refused, naming it and the rename that lets it in.
    await expect(special).rejects.toThrow(/testTokenBoundedSpanWithSpecialSymbolsValue\.tsv:\d+: spans\[0\]: label .*: a label name cannot contain whitespace; rename it with --map-label/u)
    expect(rows(store)).toEqual(before)
    const renamed = await importFiles(store, [at('testTokenBoundedSpanWithSpecialSymbolsValue.tsv')], {
      annotator: 'alice',
      addLabels: true,
      labelMap: parseLabelMap(["#*'\"`´\t:;{}|[ ]()\\§$%?=&_\n=SPECIAL"]),
    })
    expect([renamed.spansAdded, renamed.labelsAdded]).toEqual([5, ['entity SPECIAL']])
    store.close()
  })

  it("INCEpTION's project layout annotation/<document>/<user>.tsv: the folder is the document, the file its user's layer", async () => {
    const { store } = tempStore()
    const root = tempDir()
    for (const [dir, user] of [['annotation', 'alice'], ['annotation', 'bob'], ['curation', 'CURATION_USER']]) {
      fs.mkdirSync(path.join(root, dir, 'story.txt'), { recursive: true })
      fs.copyFileSync(at('testMultiTokenStackedSpanWithFeatureValue.tsv'), path.join(root, dir, 'story.txt', `${user}.tsv`))
    }
    const r = await importFiles(store, [root], { annotator: null, addLabels: true })
    expect([r.documentsAdded, r.layersAdded, r.spansAdded]).toEqual([1, 3, 6])
    const layers = store.db.prepare('SELECT DISTINCT d.external_id AS doc, a.name AS who FROM spans s JOIN documents d ON d.id = s.document_id JOIN annotators a ON a.id = s.annotator_id ORDER BY a.name').all()
    expect(layers).toEqual([{ doc: 'story.txt', who: 'CURATION_USER' }, { doc: 'story.txt', who: 'alice' }, { doc: 'story.txt', who: 'bob' }])
    store.close()
  })

  it('detection: a WebAnno .tsv is webanno-tsv, a CoNLL .tsv stays CoNLL, any other .tsv is refused naming both', () => {
    const dir = tempDir()
    fs.copyFileSync(at('testSentenceId.tsv'), path.join(dir, 'a.tsv'))
    fs.writeFileSync(path.join(dir, 'b.tsv'), 'EU\tB-ORG\nrejects\tO\nGerman\tB-MISC\n')
    expect(listSources([dir]).map((s) => [path.basename(s.file), s.kind === 'stream' ? s.format : s.kind])).toEqual([
      ['a.tsv', 'webanno-tsv'],
      ['b.tsv', 'conll'],
    ])
    fs.writeFileSync(path.join(dir, 'c.tsv'), 'name\tage\nann\t3\n')
    expect(() => listSources([dir])).toThrow(/c\.tsv:1: cannot tell the file's format \(a \.tsv is read as WebAnno TSV 3 when/u)
    // The import dialog's preview reads the same way: one document for the WebAnno file.
    const preview = previewImport([path.join(dir, 'a.tsv')], {})
    expect([preview.sources, preview.records.map((r) => [r.externalId, r.text.length]), preview.errors]).toEqual([[{ file: path.join(dir, 'a.tsv'), format: 'webanno-tsv' }], [['a', 34]], []])
    fs.writeFileSync(path.join(dir, 'c.tsv'), '#FORMAT=WebAnno TSV 2\n')
    expect(() => listSources([dir])).toThrow(/c\.tsv:1: "#FORMAT=WebAnno TSV 2": only WebAnno TSV 3\.x is read/u)
  })

  it('the CLI imports with --format webanno-tsv and prints the notes', () => {
    const { store, file: db } = tempStore()
    store.close()
    const r = spawnSync(process.execPath, [path.join(REPO_ROOT, 'bin', 'spanwright.mjs'), 'import', at('testSimpleChain.tsv'), at('testElevatedType.tsv'), '--format', 'webanno-tsv', '--db', db, '--annotator', 'alice', '--add-labels'], {
      encoding: 'utf8',
      timeout: 60_000,
    })
    expect(r.stderr).toBe('')
    expect(r.status).toBe(0)
    expect(r.stdout).toMatch(/2 new documents, \d+ new layers?, 3 spans \(0 already present\), 2 relations/u)
    expect(r.stdout).toContain('note: 1 WebAnno POS annotation (document structure), not imported')
  })
})
