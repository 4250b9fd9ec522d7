import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { listLayers, READ_BATCH, readLayers } from '../../src/main/services/export/exportLayers'
import { importFiles, importTuning } from '../../src/main/services/import/importFiles'
import { listBackups } from '../../src/main/store/backups'
import { openStore } from '../../src/main/store/store'
import { snapshotStore } from '../helpers/storeSnapshot'
import { SAMPLES_DIR, tempStore } from '../helpers/tempWorkspace'

function writeJsonl(dir: string, name: string, lines: unknown[]): string {
  const file = path.join(dir, name)
  fs.writeFileSync(file, lines.map((l) => JSON.stringify(l)).join('\n') + '\n')
  return file
}

/** Columns that differ between two equal imports: when they ran, and the team outbox's random change ids. */
const VOLATILE = new Set(['created_at', 'updated_at', 'changed_at', 'change_id'])

/** A snapshot without the volatile columns (two imports at different times are otherwise equal). */
const withoutTimes = (snap: Record<string, unknown[]>) =>
  Object.fromEntries(Object.entries(snap).map(([t, rows]) => [t, rows.map((row) => Object.fromEntries(Object.entries(row as object).filter(([k]) => !VOLATILE.has(k))))]))

const beforeImport = (file: string) => listBackups(file).filter((b) => b.reason === 'before-import')

describe('the backup before an import', () => {
  it('is taken once, before the write, and holds the workspace as it was', async () => {
    const { store, dir, file } = tempStore()
    await importFiles(store, [SAMPLES_DIR], { annotator: null })
    expect(beforeImport(file)).toHaveLength(1) // the first import backs up the (empty) workspace too
    const docsBefore = store.documents.count()
    const layer = writeJsonl(dir, 'alice.jsonl', [{ id: 'x1', text: 'John Kerry in Brussels', annotator: 'alice', spans: [{ start: 0, end: 10, label: 'PERSON' }] }])
    await importFiles(store, [layer], { annotator: null })
    const backups = beforeImport(file)
    expect(backups).toHaveLength(2)
    const copy = openStore(backups[0].path, { readonly: true, lock: false, rollingBackups: false })
    try {
      expect(copy.documents.count()).toBe(docsBefore)
      expect(copy.documents.byExternalId('x1')).toBeNull()
    } finally {
      copy.close()
    }
    expect(store.documents.count()).toBe(docsBefore + 1)
    store.close()
  })

  it('is not taken when the import fails, writes nothing, or is asked not to', async () => {
    const { store, dir, file } = tempStore()
    const bad = writeJsonl(dir, 'bad.jsonl', [{ id: 'z', text: 'Kerry', annotator: 'a', spans: [{ start: 0, end: 50, label: 'PERSON' }] }])
    await expect(importFiles(store, [bad], { annotator: null })).rejects.toThrow(/bad\.jsonl:1: spans\[0\]: offsets 0-50 are out of bounds/)
    expect(beforeImport(file)).toHaveLength(0)
    // --skip-invalid with every line bad: nothing to write, so nothing to back up.
    const r = await importFiles(store, [bad], { annotator: null, skipInvalid: true })
    expect(r.imported).toBe(0)
    expect(beforeImport(file)).toHaveLength(0)
    const good = writeJsonl(dir, 'good.jsonl', [{ id: 'y', text: 'ok' }])
    await importFiles(store, [good], { annotator: null, backup: false })
    expect(beforeImport(file)).toHaveLength(0)
    expect(store.documents.byExternalId('y')).not.toBeNull()
    store.close()
  })
})

describe('the batched export read', () => {
  it('yields every layer as the per-layer reads give it, across batches, with every field', async () => {
    const { store, dir } = tempStore()
    const n = READ_BATCH + 40 // two batches
    const lines: unknown[] = []
    for (let d = 0; d < n; d++) {
      const id = `d${String(d).padStart(4, '0')}`
      const text = `Kerry 😀 met Michel in Brussels ${d}`
      for (const annotator of d % 3 === 0 ? ['alice', 'bob'] : ['bob']) {
        lines.push({
          id,
          text,
          annotator,
          spans: [
            { id: 'T1', start: 0, end: 5, label: 'PERSON', attributes: d % 2 ? { negated: true, certainty: 'low' } : undefined, note: d % 5 ? '' : 'a note' },
            { id: 'T2', start: 12, end: 18, label: annotator === 'alice' ? 'ORG' : 'PERSON', norm: d % 4 ? undefined : 'Wikidata:Q1' },
            {
              id: 'T3',
              start: 22,
              end: 30,
              label: 'GPE',
              fragments: d % 7 ? undefined : [[22, 24], [26, 30]],
              provenance: d % 11 ? undefined : { annotator: 'carol', itemId: '5', acceptedBy: annotator, acceptedAt: '2026-01-01T00:00:00Z', edited: true },
            },
          ],
          relations: d % 2 ? [{ id: 'R1', head: 'T2', tail: 'T3', label: 'PART_OF' }] : [],
        })
      }
    }
    await importFiles(store, [writeJsonl(dir, 'layers.jsonl', lines)], { annotator: null, backup: false })
    for (const filter of [{}, { annotator: 'alice' }, { labels: ['PERSON', 'GPE'] }]) {
      const refs = listLayers(store, filter)
      let seen = 0
      for (const layer of readLayers(store, refs, filter)) {
        const ref = refs[seen++]
        expect(layer.externalId).toBe(ref.externalId)
        expect(layer.annotator).toBe(ref.annotator)
        const keep = 'labels' in filter ? new Set(filter.labels) : null
        const spans = store.spans.layer(ref.documentId, ref.annotatorId).filter((s) => !keep || keep.has(s.label))
        const ids = new Set(spans.map((s) => s.id))
        const relations = store.relations.layer(ref.documentId, ref.annotatorId).filter((r) => ids.has(r.headId) && ids.has(r.tailId))
        expect(layer.spans).toEqual(spans)
        expect(layer.relations).toEqual(relations)
        expect(layer.text).toBe(store.documents.byId(ref.documentId)!.text)
      }
      expect(seen).toBe(refs.length)
    }
    // The fields that ride in the packed column came back (not only the plain ones).
    const all = [...readLayers(store, listLayers(store, { annotator: 'alice' }), {})].flatMap((l) => l.spans)
    expect(all.some((s) => s.fragments?.length === 2)).toBe(true)
    expect(all.some((s) => s.attributes.negated === true && s.attributes.certainty === 'low')).toBe(true)
    expect(all.some((s) => s.note === 'a note')).toBe(true)
    expect(all.some((s) => s.norm === 'Wikidata:Q1')).toBe(true)
    expect(all.some((s) => s.provenance?.annotator === 'carol' && s.provenance.edited)).toBe(true)
    store.close()
  })
})

describe('the write pass of a big input', () => {
  it('writes the kept records, then decodes from the first one not kept: the same result as one pass, across files, formats and rejected lines', async () => {
    const results: unknown[] = []
    for (const keep of [1_000_000, 25, 7, 1]) {
      const { store, dir } = tempStore()
      const d = path.join(dir, 'in')
      fs.mkdirSync(d)
      const jsonl: unknown[] = []
      for (let i = 0; i < 40; i++) {
        jsonl.push(
          i % 9 === 4
            ? { id: `j${i}`, text: 'Kerry', annotator: 'x', spans: [{ start: 0, end: 50, label: 'PERSON' }] } // rejected
            : { id: `j${i}`, text: `Kerry ${i} met Michel`, annotator: 'x', spans: [{ start: 0, end: 5, label: 'PERSON' }, { start: 10 + String(i).length - 2, end: 16 + String(i).length - 2, label: 'PERSON' }] },
        )
      }
      writeJsonl(d, 'a.jsonl', jsonl)
      const conll = Array.from({ length: 12 }, (_, i) => `-DOCSTART- c${i}\n\nKerry B-PERSON\nmet O\nMichel B-PERSON\n`).join('\n')
      fs.writeFileSync(path.join(d, 'b.conll'), conll)
      writeJsonl(d, 'c.jsonl', Array.from({ length: 10 }, (_, i) => ({ id: `k${i}`, text: `Brussels ${i}`, annotator: 'y', spans: [{ start: 0, end: 8, label: 'GPE' }] })))
      importTuning.keepItems = keep
      try {
        const r = await importFiles(store, [d], { annotator: 'z', skipInvalid: true, backup: false })
        expect(r.rejected).toBe(4)
        expect(r.imported + r.rejected).toBe(r.linesRead)
        results.push({ report: { ...r, errors: r.errors.length }, store: withoutTimes(snapshotStore(store)) })
      } finally {
        importTuning.keepItems = 200_000
      }
      store.close()
    }
    for (const r of results.slice(1)) expect(r).toEqual(results[0])
  })
})
