// Every doccano, Prodigy and Label Studio file in test/fixtures/peers imports with --format and by
// detection, with the counts computed from the file itself, and exports back to its own format equal
// to what came in (ids and ordering aside).
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { exportDataset } from '../../../src/main/services/export/exportDataset'
import { importFiles } from '../../../src/main/services/import/importFiles'
import type { FormatName } from '../../../src/shared/formats/formatCodec'
import type { Store } from '../../../src/main/store/store'
import { REPO_ROOT, tempStore } from '../../helpers/tempWorkspace'
import { countOf } from '../../../src/shared/text/plural'
import type { Counts } from './peerCounts'
import {
  PEERS,
  doccanoCounts,
  doccanoRelCounts,
  expectDoccanoEqual,
  expectDoccanoRelEqual,
  expectLabelStudioEqual,
  expectProdigyEqual,
  labelStudioCounts,
  prodigyCounts,
  readJsonLines,
  readTasks,
} from './peerCounts'

type Obj = Record<string, any>
interface Peer {
  file: string
  format: FormatName
  counts: () => Counts
  /** Compares the file's records with the export's. */
  same: (exported: string) => void
  /** Export one annotator's layer (every document), or every layer. */
  annotator?: string
}

const at = (f: string) => path.join(PEERS, f)
const jsonLinesOf = (text: string): Obj[] => text.split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l))

const PEER_FILES: Peer[] = [
  ...['doccano/seq_export_example.jsonl', 'doccano/seq_overlapping.jsonl'].map((file) => ({
    file,
    format: 'doccano' as const,
    counts: () => doccanoCounts(readJsonLines(at(file))),
    same: (out: string) => expectDoccanoEqual(readJsonLines(at(file)), jsonLinesOf(out)),
    annotator: 'alice',
  })),
  {
    file: 'doccano/rel_import_test.jsonl',
    format: 'doccano-rel',
    counts: () => doccanoRelCounts(readJsonLines(at('doccano/rel_import_test.jsonl'))),
    same: (out) => expectDoccanoRelEqual(readJsonLines(at('doccano/rel_import_test.jsonl')), jsonLinesOf(out)),
    annotator: 'alice',
  },
  ...['prodigy/news_headlines_ner_manual.head40.jsonl', 'prodigy/rel_component_annotations.head20.jsonl', 'prodigy/nel_emerson_annotated.jsonl'].map((file) => ({
    file,
    format: 'prodigy' as const,
    counts: () => prodigyCounts(readJsonLines(at(file))),
    same: (out: string) => expectProdigyEqual(readJsonLines(at(file)), jsonLinesOf(out)),
    annotator: 'alice',
  })),
  ...['labelstudio/converter_csv_test.json', 'labelstudio/ls_editor_named_entity_annotation.json'].map((file) => ({
    file,
    format: 'labelstudio' as const,
    counts: () => labelStudioCounts(readTasks(at(file))),
    same: (out: string) => expectLabelStudioEqual(readTasks(at(file)), JSON.parse(out)),
  })),
]

function storeCounts(store: Store): Counts {
  const n = (sql: string) => (store.db.prepare(sql).get() as { n: number }).n
  return { documents: n('SELECT COUNT(*) AS n FROM documents'), spans: n('SELECT COUNT(*) AS n FROM spans'), relations: n('SELECT COUNT(*) AS n FROM relations') }
}

function cli(args: string[]) {
  const r = spawnSync(process.execPath, [path.join(REPO_ROOT, 'bin', 'spanwright.mjs'), ...args], { encoding: 'utf8', timeout: 60_000 })
  return { code: r.status, out: r.stdout, err: r.stderr }
}

describe.each(PEER_FILES)('$file', (peer) => {
  it(`imports with --format ${peer.format}: the file's own counts, and exports back equal`, async () => {
    const { store, dir } = tempStore()
    const want = peer.counts()
    const r = await importFiles(store, [at(peer.file)], { annotator: 'alice', format: peer.format, addLabels: true })
    expect(r.rejected).toBe(0)
    expect({ documents: r.documentsAdded, spans: r.spansAdded, relations: r.relationsAdded }).toEqual({ documents: want.documents, spans: want.spans, relations: want.relations })
    expect(storeCounts(store)).toEqual({ documents: want.documents, spans: want.spans, relations: want.relations })

    const out = path.join(dir, `out.${peer.format === 'labelstudio' ? 'json' : 'jsonl'}`)
    await exportDataset(store, out, { format: peer.format, ...(peer.annotator ? { annotator: peer.annotator } : {}) })
    peer.same(fs.readFileSync(out, 'utf8'))

    // The export reads back to the same store: nothing new.
    const again = await importFiles(store, [out], { annotator: 'alice', format: peer.format })
    expect([again.documentsAdded, again.spansAdded, again.relationsAdded]).toEqual([0, 0, 0])
    store.close()
  })

  it('imports by detection through the CLI with the same counts', () => {
    const { store, file: db } = tempStore()
    store.close()
    const want = peer.counts()
    const r = cli(['import', at(peer.file), '--db', db, '--annotator', 'alice', '--add-labels'])
    expect(r.err).toBe('')
    expect(r.code).toBe(0)
    expect(r.out).toMatch(new RegExp(`${countOf(want.documents, 'new document')}, \\d+ new layers?, ${countOf(want.spans, 'span')} \\(0 already present\\), ${countOf(want.relations, 'relation')}`))
  })
})
