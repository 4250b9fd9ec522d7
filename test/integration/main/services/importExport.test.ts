import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { exportDataset } from '../../../../src/main/services/export/exportDataset'
import { importFiles } from '../../../../src/main/services/import/importFiles'
import { createRelation, createSpan, deleteSpan } from '../../../../src/main/services/annotate/annotationService'
import { SAMPLES_DIR, tempDir, tempStore } from '../../../helpers/tempWorkspace'
import { snapshotStore } from '../../../helpers/storeSnapshot'

/** Code point span of the n-th occurrence of `needle`. */
function cp(text: string, needle: string, nth = 0): [number, number] {
  let u = -1
  for (let i = 0; i <= nth; i++) u = text.indexOf(needle, u + 1)
  const s = Array.from(text.slice(0, u)).length
  return [s, s + Array.from(needle).length]
}

function writeJsonl(dir: string, name: string, lines: unknown[]): string {
  const file = path.join(dir, name)
  fs.writeFileSync(file, lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n') + '\n')
  return file
}

describe('import and export', () => {
  it('round-trips the five samples plus a JSONL layer in code points, spans byte-equal', async () => {
    const { store, dir } = tempStore()
    const r1 = await importFiles(store, [SAMPLES_DIR], { annotator: null })
    expect(r1.documentsAdded).toBe(5)
    const kerry = store.documents.byExternalId('001_5a98d8623b08ebb0')!
    const emojiText = 'Families 👨‍👩‍👧 fled Schaerbeek 😀 as Kerry\r\nmet שלום in Liège (Lie\u0300ge)'
    const spansKerry = [
      { id: 'T1', ...span(kerry.text, 'John Kerry', 'PERSON') },
      { id: 'T2', ...span(kerry.text, 'Belgium', 'GPE') },
      { id: 'T3', ...span(kerry.text, 'DAESH', 'ORG') },
    ].sort((a, b) => a.start - b.start) // the export's canonical order is by position
    const spansEmoji = [
      { id: 'T1', ...span(emojiText, 'Schaerbeek', 'LOC') },
      { id: 'T2', ...span(emojiText, 'Kerry', 'PERSON') },
      { id: 'T3', ...span(emojiText, 'שלום', 'NORP') },
      { id: 'T4', ...span(emojiText, 'Lie\u0300ge', 'GPE') },
    ]
    const file = writeJsonl(dir, 'layer.jsonl', [
      { id: kerry.externalId, text: kerry.text, annotator: 'alice', spans: spansKerry, relations: [{ id: 'R1', head: 'T3', tail: 'T2', label: 'LOCATED_IN' }] },
      { id: 'emoji-doc', text: emojiText, meta: { title: 'Emoji' }, annotator: 'bob', spans: spansEmoji, relations: [] },
    ])
    const r2 = await importFiles(store, [file], { annotator: null })
    expect(r2).toMatchObject({ documentsAdded: 1, layersAdded: 2, spansAdded: 7, relationsAdded: 1 })

    const out = path.join(dir, 'out.jsonl')
    const rep = await exportDataset(store, out, { format: 'jsonl' })
    expect(rep.layers).toBe(2)
    const lines = fs.readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l))
    const byId = Object.fromEntries(lines.map((l) => [l.id, l]))
    expect(JSON.stringify(byId[kerry.externalId].spans)).toBe(JSON.stringify(spansKerry))
    expect(JSON.stringify(byId['emoji-doc'].spans)).toBe(JSON.stringify(spansEmoji))
    expect(byId[kerry.externalId].relations).toEqual([{ id: 'R1', head: 'T3', tail: 'T2', label: 'LOCATED_IN' }])
    expect(byId['emoji-doc'].text).toBe(emojiText)

    // Re-importing the export is idempotent.
    const before = snapshotStore(store)
    const r3 = await importFiles(store, [out], { annotator: null })
    expect(r3.spansAdded).toBe(0)
    expect(snapshotStore(store).spans).toEqual(before.spans)
  })

  it('adds a colleague layer to an existing document and refuses other text under the same id', async () => {
    const { store, dir } = tempStore()
    await importFiles(store, [SAMPLES_DIR], { annotator: null })
    const doc = store.documents.byExternalId('000_7488830be606d235')!
    const ok = writeJsonl(dir, 'carol.jsonl', [{ id: doc.externalId, text: doc.text, spans: [span(doc.text, 'Brussels', 'GPE')] }])
    expect((await importFiles(store, [ok], { annotator: 'carol' })).layersAdded).toBe(1)
    expect(store.documents.count()).toBe(5)
    const bad = writeJsonl(dir, 'other.jsonl', [{ id: doc.externalId, text: 'different', annotator: 'dan', spans: [] }])
    await expect(importFiles(store, [bad], { annotator: null })).rejects.toThrow(/other\.jsonl:1: document .* already exists with different text/)
  })

  it('fails a whole import on one bad line, listing every bad line, and writes nothing', async () => {
    const { store, dir } = tempStore()
    await importFiles(store, [SAMPLES_DIR], { annotator: null })
    const before = snapshotStore(store)
    const file = writeJsonl(dir, 'mixed.jsonl', [
      { id: 'good-1', text: 'Kerry met Michel', annotator: 'alice', spans: [{ start: 0, end: 5, label: 'PERSON' }] },
      '{"id": "broken", ',
      { id: 'good-2', text: 'In Brussels', annotator: 'alice', spans: [{ start: 3, end: 11, label: 'GPE' }] },
      { id: 'bad-label', text: 'In Brussels', annotator: 'alice', spans: [{ start: 3, end: 11, label: 'CITY' }] },
      { id: 'bad-bounds', text: 'abc', annotator: 'alice', spans: [{ start: 0, end: 10, label: 'GPE' }] },
    ])
    let message = ''
    try {
      await importFiles(store, [file], { annotator: null })
    } catch (e) {
      message = (e as Error).message
    }
    expect(message).toMatch(/3 bad lines of 5 read; nothing was imported/)
    expect(message).toContain(`${file}:2: not valid JSON`)
    expect(message).toContain(`${file}:4: spans[0]: label "CITY" is not an entity label in the schema`)
    expect(message).toContain(`${file}:5: spans[0]: offsets 0-10 are out of bounds`)
    expect(snapshotStore(store)).toEqual(before)
  })

  it('refuses spans without an annotator, and files that are not UTF-8', async () => {
    const { store, dir } = tempStore()
    const before = snapshotStore(store)
    const noAnn = writeJsonl(dir, 'noann.jsonl', [{ id: 'x', text: 'Kerry', spans: [{ start: 0, end: 5, label: 'PERSON' }] }])
    await expect(importFiles(store, [noAnn], { annotator: null })).rejects.toThrow(/noann\.jsonl:1: .*--annotator/)
    const latin1 = path.join(dir, 'latin1.txt')
    fs.writeFileSync(latin1, Buffer.from([0x4c, 0x69, 0xe8, 0x67, 0x65, 0x0a]))
    await expect(importFiles(store, [latin1], { annotator: null })).rejects.toThrow(/latin1\.txt:1: not valid UTF-8 at byte 2/)
    expect(snapshotStore(store)).toEqual(before)
  })

  it('keeps text exactly: BOM dropped, CRLF kept; a .txt title is its first line', async () => {
    const { store, dir } = tempStore()
    const f = path.join(dir, 'crlf.txt')
    fs.writeFileSync(f, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('Headline here\r\n\r\nBody 😀 text\r\n')]))
    await importFiles(store, [f], { annotator: null })
    const d = store.documents.byExternalId('crlf')!
    expect(d.title).toBe('Headline here')
    expect(d.text).toBe('Headline here\r\n\r\nBody 😀 text\r\n')
  })

  it('deletes a span together with its relations, in one transaction', async () => {
    const { store } = tempStore()
    const docId = store.documents.insert({ externalId: 'd', title: 'd', text: 'Kerry of the ORG in Brussels', meta: {} })
    const a = createSpan(store, { documentId: docId, annotator: 'alice', label: 'PERSON', start: 0, end: 5 })
    const b = createSpan(store, { documentId: docId, annotator: 'alice', label: 'ORG', start: 13, end: 16 })
    const c = createSpan(store, { documentId: docId, annotator: 'alice', label: 'GPE', start: 20, end: 28 })
    createRelation(store, { documentId: docId, annotator: 'alice', label: 'AFFILIATED_WITH', headId: a.id, tailId: b.id })
    const r2 = createRelation(store, { documentId: docId, annotator: 'alice', label: 'LOCATED_IN', headId: b.id, tailId: c.id })
    expect(deleteSpan(store, a.id)).toEqual({ deleted: 1, relationsDeleted: 1 })
    const annotatorId = store.annotators.byName('alice')!.id
    expect(store.relations.layer(docId, annotatorId).map((r) => r.id)).toEqual([r2.id])
    expect(deleteSpan(store, b.id)).toEqual({ deleted: 1, relationsDeleted: 1 })
    expect(store.relations.layer(docId, annotatorId)).toEqual([])
    expect(store.db.prepare('PRAGMA foreign_key_check').all()).toEqual([])
  })
})

function span(text: string, needle: string, label: string) {
  const [start, end] = cp(text, needle)
  return { start, end, label, text: needle }
}

void tempDir
