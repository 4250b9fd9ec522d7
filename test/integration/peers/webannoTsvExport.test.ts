// WebAnno TSV 3.3 export: a folder with a .tsv per document, laid out as INCEpTION writes it, which reads back
// (through the import) to the same texts, spans and relations.
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { exportDataset } from '../../../src/main/services/export/exportDataset'
import { importFiles } from '../../../src/main/services/import/importFiles'
import type { Store } from '../../../src/main/store/store'
import { REPO_ROOT, tempDir, tempStore } from '../../helpers/tempWorkspace'

const DIR = path.join(REPO_ROOT, 'test/fixtures/peers/webanno-tsv')
const at = (f: string) => path.join(DIR, f)

/** Every document's text, spans (label and covered text) and relations (label, head text, tail text), sorted. */
function contents(store: Store) {
  const docs = store.db.prepare('SELECT id, external_id AS ext, text FROM documents ORDER BY external_id').all() as { id: number; ext: string; text: string }[]
  return docs.map((d) => {
    const spans = store.db
      .prepare('SELECT s.id, s.start, s."end" AS e, l.name FROM spans s JOIN label_types l ON l.id = s.label_id WHERE s.document_id = ?')
      .all(d.id) as { id: number; start: number; e: number; name: string }[]
    const byId = new Map(spans.map((s) => [s.id, `${s.name}:${d.text.slice(s.start, s.e)}@${s.start}`]))
    const rels = store.db
      .prepare('SELECT r.head_id AS h, r.tail_id AS t, l.name FROM relations r JOIN label_types l ON l.id = r.label_id WHERE r.document_id = ?')
      .all(d.id) as { h: number; t: number; name: string }[]
    return { id: d.ext, text: d.text, spans: [...byId.values()].sort(), relations: rels.map((r) => `${byId.get(r.h)}>${byId.get(r.t)}:${r.name}`).sort() }
  })
}

describe('WebAnno TSV 3.3 export', () => {
  it('writes a .tsv per document that imports back to the same texts, spans and relations', async () => {
    const { store, dir } = tempStore()
    const files = ['example2.tsv', 'testMultiTokenStackedSpanWithFeatureValue.tsv', 'testCrossSentenceSpanWithoutFeatureValue.tsv', 'docs-emoji-example.tsv', 'testSimpleChain.tsv', 'testSingleStackedNonTokenRelationWithoutFeatureValue.tsv'].map(at)
    await importFiles(store, files, { annotator: 'alice', addLabels: true })
    const out = path.join(dir, 'tsv-out')
    const report = await exportDataset(store, out, { format: 'webanno-tsv' })
    expect(report.layers).toBe(6)
    expect(fs.readdirSync(out).sort()).toEqual(files.map((f) => path.basename(f)).sort())
    const written = fs.readFileSync(path.join(out, 'example2.tsv'), 'utf8')
    expect(written.split('\n').slice(0, 5)).toEqual(['#FORMAT=WebAnno TSV 3.3', '#T_SP=de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity|value', '', '', '#Text=Ms. Haag plays Elianti .'])
    // A custom span layer and its relation layer go back to their own layers and features (header included), with no
    // value written as `*`, the stacked spans with [n] ids: INCEpTION's own file, byte for byte.
    expect(fs.readFileSync(path.join(out, 'testSingleStackedNonTokenRelationWithoutFeatureValue.tsv'), 'utf8')).toBe(fs.readFileSync(at('testSingleStackedNonTokenRelationWithoutFeatureValue.tsv'), 'utf8'))
    // The sentences are the file's own: the same #Text= lines INCEpTION wrote.
    const textLines = (s: string) => s.split('\n').filter((l) => l.startsWith('#Text='))
    expect(textLines(written)).toEqual(textLines(fs.readFileSync(at('example2.tsv'), 'utf8')))
    expect(report.warnings.some((w) => w.startsWith('WebAnno TSV keeps spans as values of their layer'))).toBe(true)

    const back = tempStore()
    const r = await importFiles(back.store, [out], { annotator: 'alice', addLabels: true })
    expect(r.rejected).toBe(0)
    expect(contents(back.store)).toEqual(contents(store))
    back.store.close()
    store.close()
  })

  it('several annotators: a folder each; the export needs a new folder', async () => {
    const { store, dir } = tempStore()
    await importFiles(store, [at('testSubTokenRelation.tsv')], { annotator: 'alice', addLabels: true })
    await importFiles(store, [at('testSubTokenRelation.tsv')], { annotator: 'bob', addLabels: true })
    const out = path.join(dir, 'two')
    await exportDataset(store, out, { format: 'webanno-tsv' })
    expect(fs.readdirSync(out).sort()).toEqual(['alice', 'bob'])
    // The sub-token spans `T` and `t` of `Test` become tokens of their own: T, es, t.
    expect(fs.readFileSync(path.join(out, 'bob', 'testSubTokenRelation.tsv'), 'utf8')).toContain('#Text=Test\n1-1\t0-1\tT\tOTH\t\n1-2\t1-3\tes\t_\t\n1-3\t3-4\tt\tOTH\t\n')
    const full = tempDir()
    fs.writeFileSync(path.join(full, 'x'), '')
    await expect(exportDataset(store, full, { format: 'webanno-tsv' })).rejects.toThrow(/already exists and is not empty/u)
    store.close()
  })
})
