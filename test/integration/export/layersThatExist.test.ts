// Issue 10 §1: an export by annotator or gold writes only layers that exist,
// and says how many documents it left out and why; empty layers that are real
// negatives (marked done, imported empty) stay.
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { exportDataset } from '../../../src/main/services/export/exportDataset'
import { importFiles } from '../../../src/main/services/import/importFiles'
import type { Store } from '../../../src/main/store/store'
import { tempStore } from '../../helpers/tempWorkspace'

const j = (o: unknown) => JSON.stringify(o)

function write(dir: string, name: string, body: string): string {
  const f = path.join(dir, name)
  fs.writeFileSync(f, body)
  return f
}

/**
 * withSpans: alice's spans. importedEmpty: alice's layer imported with no spans.
 * markedDone: alice marked it done, no spans. bobOnly: only bob's layer. plain: a .txt imported with --annotator alice.
 */
async function corpus(): Promise<{ store: Store; dir: string; id: (ext: string) => number }> {
  const { store, dir } = tempStore()
  const lines = [
    { id: 'withSpans', text: 'Kerry met Michel.', annotator: 'alice', spans: [{ start: 0, end: 5, label: 'PERSON' }] },
    { id: 'importedEmpty', text: 'Nothing to see here.', annotator: 'alice', spans: [] },
    { id: 'markedDone', text: 'Nor here.', spans: [] },
    { id: 'bobOnly', text: 'Brussels is big.', annotator: 'bob', spans: [{ start: 0, end: 8, label: 'GPE' }] },
  ]
  await importFiles(store, [write(dir, 'c.jsonl', lines.map(j).join('\n') + '\n')], { annotator: null })
  await importFiles(store, [write(dir, 'plain.txt', 'A plain text\nwith no annotations.\n')], { annotator: 'alice' })
  const id = (ext: string) => store.documents.byExternalId(ext)!.id
  store.documents.setStatus(id('markedDone'), store.annotators.ensure('alice').id, 'done')
  return { store, dir, id }
}

const ids = (file: string) => fs.readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l).id as string)

describe('export --annotator: only layers that exist', () => {
  it('writes the layer with spans, the imported empty layer and the one marked done; leaves out the rest and says why', async () => {
    const { store, dir } = await corpus()
    const out = path.join(dir, 'alice.jsonl')
    const r = await exportDataset(store, out, { format: 'jsonl', annotator: 'alice' })
    expect(ids(out).sort()).toEqual(['importedEmpty', 'markedDone', 'withSpans'])
    expect(r.layers).toBe(3)
    expect(r.leftOut).toEqual([{ documents: 2, reason: expect.stringContaining('no layer by alice') }])
  })

  it('CoNLL writes no all-O block for a document alice never opened', async () => {
    const { store, dir } = await corpus()
    const out = path.join(dir, 'alice.conll')
    await exportDataset(store, out, { format: 'conll', annotator: 'alice' })
    const text = fs.readFileSync(out, 'utf8')
    // Each document's first word names it (CoNLL carries no ids).
    const firstWords = text.split(/^-DOCSTART- O\n\n/mu).slice(1).map((block) => block.split(' ')[0])
    expect(firstWords.sort()).toEqual(['Kerry', 'Nor', 'Nothing'])
    expect(text).not.toContain('Brussels')
  })

  it('a spaCy example with empty entities and an all-O CoNLL document, imported for carol, are carol\'s real negatives', async () => {
    const { store, dir } = tempStore()
    await importFiles(store, [write(dir, 'neg.json', '[["No entities here.", {"entities": []}], ["Kerry left.", {"entities": [[0, 5, "PERSON"]]}]]')], { annotator: 'carol' })
    await importFiles(store, [write(dir, 'neg.conll', '-DOCSTART- allO\n\nNothing O\nhere O\n')], { annotator: 'carol' })
    const out = path.join(dir, 'carol.jsonl')
    const r = await exportDataset(store, out, { format: 'jsonl', annotator: 'carol' })
    expect(r.layers).toBe(3)
    expect(r.leftOut).toEqual([])
  })

  it('a native JSONL line with only id and text is a document alone; with "spans": [] it is an empty layer', async () => {
    const { store, dir } = tempStore()
    const lines = [{ id: 'bare', text: 'Just a document.' }, { id: 'empty', text: 'An empty layer.', spans: [] }]
    await importFiles(store, [write(dir, 'e.jsonl', lines.map(j).join('\n') + '\n')], { annotator: 'erin' })
    const out = path.join(dir, 'erin.jsonl')
    const r = await exportDataset(store, out, { format: 'jsonl', annotator: 'erin' })
    expect(ids(out)).toEqual(['empty'])
    expect(r.leftOut[0].documents).toBe(1)
  })

  it('a plain text import with --annotator gives that annotator no layer', async () => {
    const { store, dir } = tempStore()
    await importFiles(store, [write(dir, 'a.txt', 'Title\nBody.\n')], { annotator: 'dora' })
    await importFiles(store, [write(dir, 'b.jsonl', j({ id: 'b', text: 'Kerry', annotator: 'dora', spans: [{ start: 0, end: 5, label: 'PERSON' }] }) + '\n')], { annotator: null })
    const r = await exportDataset(store, path.join(dir, 'dora.jsonl'), { format: 'jsonl', annotator: 'dora' })
    expect(r.layers).toBe(1)
    expect(r.leftOut[0].documents).toBe(1)
  })
})

describe('export --gold: only documents whose review is done', () => {
  async function reviewed() {
    const c = await corpus()
    const { store, dir, id } = c
    const gold = [
      { id: 'withSpans', text: 'Kerry met Michel.', annotator: 'gold', spans: [{ start: 0, end: 5, label: 'PERSON' }] },
      { id: 'bobOnly', text: 'Brussels is big.', annotator: 'gold', spans: [{ start: 0, end: 8, label: 'GPE' }] },
    ]
    await importFiles(store, [write(dir, 'gold.jsonl', gold.map(j).join('\n') + '\n')], { annotator: null })
    const review = store.gold
    review.setStatus(id('withSpans'), 'adjudicated', 'rita')
    review.setStatus(id('bobOnly'), 'in_review', 'rita')
    // Adjudicated with nothing accepted: a real negative.
    review.setStatus(id('markedDone'), 'adjudicated', 'rita')
    return c
  }

  it('writes the adjudicated documents (an empty gold layer included) and counts the unreviewed ones', async () => {
    const { store, dir } = await reviewed()
    const out = path.join(dir, 'gold.jsonl')
    const r = await exportDataset(store, out, { format: 'jsonl', gold: true })
    expect(ids(out).sort()).toEqual(['markedDone', 'withSpans'])
    expect(r.leftOut).toEqual([
      { documents: 1, reason: expect.stringContaining('review not done') },
      { documents: 2, reason: expect.stringContaining('no gold layer') },
    ])
  })

  it('--include-unreviewed adds the gold layers of documents still in review, never phantom ones', async () => {
    const { store, dir } = await reviewed()
    const out = path.join(dir, 'gold-all.jsonl')
    const r = await exportDataset(store, out, { format: 'jsonl', gold: true, includeUnreviewed: true })
    expect(ids(out).sort()).toEqual(['bobOnly', 'markedDone', 'withSpans'])
    expect(r.leftOut).toEqual([{ documents: 2, reason: expect.stringContaining('no gold layer') }])
  })

  it('refuses --include-unreviewed without --gold', async () => {
    const { store, dir } = await corpus()
    await expect(exportDataset(store, path.join(dir, 'x.jsonl'), { format: 'jsonl', annotator: 'alice', includeUnreviewed: true })).rejects.toThrow(/goes with --gold/)
  })
})

describe('export without a layer filter', () => {
  it('writes every layer that exists and counts documents with none', async () => {
    const { store, dir } = await corpus()
    const out = path.join(dir, 'all.jsonl')
    const r = await exportDataset(store, out, { format: 'jsonl' })
    const layers = fs.readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l)).map((o) => `${o.id}/${o.annotator}`)
    expect(layers.sort()).toEqual(['bobOnly/bob', 'importedEmpty/alice', 'markedDone/alice', 'withSpans/alice'])
    expect(r.leftOut).toEqual([{ documents: 1, reason: expect.stringContaining('no layer at all') }])
  })
})
