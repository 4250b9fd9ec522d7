// INCEpTION's test suite keeps each case as reference.tsv and reference.xmi, the same document in its two formats.
// Imported through either reader (h38's WebAnno TSV, h37's XMI), a case gives the same text, spans and relations.
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { importFiles } from '../../../src/main/services/import/importFiles'
import type { Store } from '../../../src/main/store/store'
import { REPO_ROOT, tempStore } from '../../helpers/tempWorkspace'

const PEERS = path.join(REPO_ROOT, 'test/fixtures/peers')

function layer(store: Store) {
  const text = (store.db.prepare('SELECT text FROM documents').get() as { text: string }).text
  const spans = store.db.prepare('SELECT s.id, s.start, s."end" AS e, l.name FROM spans s JOIN label_types l ON l.id = s.label_id').all() as { id: number; start: number; e: number; name: string }[]
  const name = new Map(spans.map((s) => [s.id, `${s.start}-${s.e}:${s.name}`]))
  const relations = store.db.prepare('SELECT r.head_id AS h, r.tail_id AS t, r.kind, l.name FROM relations r JOIN label_types l ON l.id = r.label_id').all() as { h: number; t: number; kind: string; name: string }[]
  return { text, spans: [...name.values()].sort(), relations: relations.map((r) => `${name.get(r.h)}>${name.get(r.t)}:${r.name}:${r.kind}`).sort() }
}

async function read(file: string) {
  const { store } = tempStore()
  const report = await importFiles(store, [path.join(PEERS, file)], { annotator: 'alice', addLabels: true })
  const got = { ...layer(store), notes: Object.keys(report.notes ?? {}).length }
  store.close()
  return got
}

describe('one INCEpTION document, two formats, one layer', () => {
  it.each(['testSimpleChain', 'testZeroLengthSpansWithoutFeatureValues'])('%s: reference.tsv and reference.xmi import alike', async (name) => {
    const tsv = await read(`webanno-tsv/${name}.tsv`)
    const xmi = await read(`xmi/${name}.xmi`)
    expect({ text: tsv.text, spans: tsv.spans, relations: tsv.relations }).toEqual({ text: xmi.text, spans: xmi.spans, relations: xmi.relations })
  })

  it('the chain case holds something to compare: three linked elements', async () => {
    const tsv = await read('webanno-tsv/testSimpleChain.tsv')
    expect(tsv.spans).toEqual(['0-4:SimpleLink', '5-7:SimpleLink', '8-9:SimpleLink'])
    expect(tsv.relations).toEqual(['0-4:SimpleLink>5-7:SimpleLink:SimpleLink:binary', '5-7:SimpleLink>8-9:SimpleLink:SimpleLink:binary'])
  })
})
