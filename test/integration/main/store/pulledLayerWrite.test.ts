import type Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import type { ServerLayer } from '../../../../src/shared/team/changeLog'
import { createSpan } from '../../../../src/main/services/annotate/annotationService'
import { joinTeam } from '../../../../src/main/store/teamMembership'
import { tempStore } from '../../../helpers/tempWorkspace'

// The per-row triggers a pulled page leaves out while it writes, and must find again after it.
const triggerSql = (db: Database.Database) =>
  db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name").all() as { name: string; sql: string }[]
const TEXT = 'Ada Lovelace met Charles Babbage in London in 1833, and wrote to him from Ockham.'
const span = (start: number, end: number, label = 'PERSON', extra: Record<string, string | number | null> = {}) => ({
  label,
  cells: { start, end, note: '', attributes: '{}', created_at: '2026-12-06T00:00:00Z', ...extra },
})
const layer = (documentId: string, annotator: string, spans: ReturnType<typeof span>[], version = 1): ServerLayer => ({
  documentId,
  annotator,
  version,
  seq: 0,
  content: { spans, relations: spans.length > 1 ? [{ label: 'AFFILIATED_WITH', head: 0, tail: 1, cells: { note: '', created_at: '2026-12-06T00:00:00Z' } }] : [], status: 'in_progress' },
})
/** Each layer's stored count against a count of its spans, and the layers whose counts disagree. */
const wrongCounts = (db: Database.Database) =>
  db
    .prepare(
      `SELECT x.document_id, x.annotator_id, x.n, c.spans FROM (SELECT document_id, annotator_id, COUNT(*) AS n FROM spans GROUP BY 1, 2) x
         LEFT JOIN layer_span_counts c USING (document_id, annotator_id) WHERE c.spans IS NOT x.n
       UNION ALL SELECT c.document_id, c.annotator_id, 0, c.spans FROM layer_span_counts c
         WHERE c.spans != 0 AND NOT EXISTS (SELECT 1 FROM spans s WHERE s.document_id = c.document_id AND s.annotator_id = c.annotator_id)`,
    )
    .all()

function memberWorkspace() {
  const { store } = tempStore()
  for (let i = 0; i < 6; i++) store.documents.insert({ externalId: `d${i}`, title: `d${i}`, text: TEXT, meta: {} })
  joinTeam(store.db)
  return store
}

describe('a pulled page is written without the per-row triggers (pulledLayerWrite.ts)', () => {
  it('marks nothing for the next push, counts every layer, keeps rejections, and leaves every trigger as it was, working', () => {
    const store = memberWorkspace()
    const db = store.db
    // Alice's own layer of d0, pushed before (clean), with a span a reviewer rejected; her edit of d5 not yet pushed.
    const a = createSpan(store, { documentId: store.documents.byExternalId('d0')!.id, annotator: 'alice', label: 'PERSON', start: 0, end: 12 })
    createSpan(store, { documentId: store.documents.byExternalId('d0')!.id, annotator: 'alice', label: 'GPE', start: 36, end: 42 })
    db.prepare('INSERT INTO review_rejections (document_id, span_id, rejected_by, rejected_at) VALUES (?, ?, ?, ?)').run(a.documentId, a.id, 'rita', 'x')
    createSpan(store, { documentId: store.documents.byExternalId('d5')!.id, annotator: 'alice', label: 'PERSON', start: 0, end: 3 })
    store.team.markAllPushed(store.team.pending().filter((p) => p.documentId === 'd0').map((change) => ({ change, version: 1 })))
    expect(store.team.pending().map((p) => p.documentId)).toEqual(['d5'])
    const before = triggerSql(db)

    const r = store.team.applyLayers(
      [
        layer('d0', 'alice', [span(0, 12), span(17, 32)], 2), // replaces her clean layer: 2 spans out, 2 in
        layer('d1', 'bob', [span(0, 12), span(17, 32), span(36, 42, 'GPE')]),
        layer('d2', 'bob', []),
        layer('d5', 'alice', [span(17, 32)], 2), // her unpushed edit wins over the server's copy
        layer('d3', 'gold', [span(0, 12)]),
      ],
      42,
    )
    expect(r).toEqual({ applied: 4, skipped: [] })
    expect(store.team.cursor('layers')).toBe(42)
    expect(triggerSql(db)).toEqual(before)
    // Pulled layers never go back out; the unpushed edit still does.
    expect(store.team.pending().map((p) => p.documentId)).toEqual(['d5'])
    expect(wrongCounts(db)).toEqual([])
    expect(db.prepare('SELECT COUNT(*) FROM spans WHERE document_id = ?').pluck().get(store.documents.byExternalId('d1')!.id)).toBe(3)
    // The rejected span is still rejected on the pulled copy (same offsets and label, new row id).
    expect(db.prepare('SELECT s.start, s."end" FROM review_rejections x JOIN spans s ON s.id = x.span_id').all()).toEqual([{ start: 0, end: 12 }])
    // A gold span written by a pull gets its identity as the uid trigger gives one (gold's own item outbox marks it, as before).
    expect(db.prepare("SELECT uid FROM spans WHERE annotator_id = (SELECT id FROM annotators WHERE name = 'gold')").pluck().get()).toMatch(/^[0-9a-f]{32}$/)

    // The triggers work again for what follows: a local edit is marked and counted.
    createSpan(store, { documentId: store.documents.byExternalId('d1')!.id, annotator: 'bob', label: 'GPE', start: 71, end: 77 })
    expect(store.team.pending().map((p) => `${p.documentId}/${p.annotator}`).sort()).toEqual(['d1/bob', 'd5/alice'])
    expect(wrongCounts(db)).toEqual([])
  })

  it('a row the database refuses rolls the page back whole, then only that layer is skipped; triggers and counts are right after it', () => {
    const store = memberWorkspace()
    const db = store.db
    const before = triggerSql(db)
    const r = store.team.applyLayers([layer('d1', 'bob', [span(0, 12)]), layer('d2', 'bob', [span(0, 12, 'PERSON', { kind: 'no-such-kind' })]), layer('d3', 'carol', [span(17, 32), span(0, 3)])], 7)
    expect(r.applied).toBe(2)
    expect(r.skipped).toEqual([{ layer: { documentId: 'd2', annotator: 'bob' }, reason: expect.stringMatching(/^the server's copy could not be stored \(CHECK constraint failed/) }])
    expect(store.team.cursor('layers')).toBe(7)
    expect(store.team.layerKeys()).toEqual([
      { documentId: 'd1', annotator: 'bob' },
      { documentId: 'd3', annotator: 'carol' },
    ])
    expect(triggerSql(db)).toEqual(before)
    expect(store.team.pending()).toEqual([])
    expect(wrongCounts(db)).toEqual([])
  })

  it('a missing document stops the page with nothing of it written, the cursor where it was', () => {
    const store = memberWorkspace()
    const before = triggerSql(store.db)
    expect(() => store.team.applyLayers([layer('d1', 'bob', [span(0, 12)]), layer('nope', 'bob', [span(0, 12)])], 9)).toThrow(/document nope, which this workspace does not have/)
    expect(store.team.cursor('layers')).toBe(0)
    expect(store.team.layerKeys()).toEqual([])
    expect(triggerSql(store.db)).toEqual(before)
  })
})
