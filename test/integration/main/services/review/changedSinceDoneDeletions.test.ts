import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createRelation, createSpan, deleteRelation, deleteSpan, updateSpan } from '../../../../../src/main/services/annotate/annotationService'
import { redo, undo } from '../../../../../src/main/services/annotate/historyService'
import { importFiles } from '../../../../../src/main/services/import/importFiles'
import { changedReviews } from '../../../../../src/main/services/review/changedReviews'
import { decide, markReviewDone } from '../../../../../src/main/services/review/reviewDecisions'
import { reviewData } from '../../../../../src/main/services/review/reviewService'
import { openStore } from '../../../../../src/main/store/store'
import type { Store } from '../../../../../src/main/store/store'
import { joinTeam } from '../../../../../src/main/store/teamMembership'
import { tempStore } from '../../../../helpers/tempWorkspace'

const TEXT = 'Kerry met Michel in Brussels.'

/** alice and bob agree on Kerry and on Kerry PART_OF Brussels, differ on Brussels' label; rita settles it and marks the review done. */
function doneReview(opts: { team?: boolean } = {}) {
  const t = tempStore()
  if (opts.team) joinTeam(t.store.db)
  const documentId = t.store.documents.insert({ externalId: 'd1', title: 'One', text: TEXT, meta: {} })
  const ids: Record<string, { kerry: number; brussels: number; rel: number }> = {}
  for (const [a, label] of [['alice', 'GPE'], ['bob', 'LOC']]) {
    const kerry = createSpan(t.store, { documentId, annotator: a, label: 'PERSON', start: 0, end: 5 }).id
    const brussels = createSpan(t.store, { documentId, annotator: a, label, start: 20, end: 28 }).id
    const rel = createRelation(t.store, { documentId, annotator: a, label: 'PART_OF', headId: kerry, tailId: brussels }).id
    ids[a] = { kerry, brussels, rel }
  }
  decide(t.store, { documentId, reviewer: 'rita', accept: { item: { kind: 'span', id: ids.alice.brussels } }, reject: [{ kind: 'span', id: ids.bob.brussels }] })
  const done = markReviewDone(t.store, { documentId, reviewer: 'rita', done: true })
  expect(done).toMatchObject({ status: 'adjudicated', open: 0, changedSinceDone: 0 })
  // Gold holds Kerry, Brussels and the relation: everything the deletions below take from an annotator.
  expect(done.gold.spans.map((s) => s.label).sort()).toEqual(['GPE', 'PERSON'])
  expect(done.gold.relations).toHaveLength(1)
  return { ...t, documentId, ids }
}

const changed = (store: Store, documentId: number) => reviewData(store, { documentId }).changedSinceDone
const listed = (store: Store) => changedReviews(store).reviews.map((r) => `${r.externalId}:${r.changed}`)

describe('changed since done counts every change of an annotator layer, deletions included', () => {
  it('an annotator deleting a span gold has, a relation, a whole layer; an undo that removes an item; a redo and an undo that restore the layer count nothing', () => {
    const t = doneReview()
    const { store, documentId, ids } = t
    // alice deletes Kerry (gold has it, bob still has it): before, nothing was open and nothing agreed was missing.
    deleteSpan(store, ids.alice.kerry)
    // Deleting Kerry took alice's relation with it: two items of hers are gone, and the review names them.
    expect(reviewData(store, { documentId })).toMatchObject({ status: 'adjudicated', changedSinceDone: 2 })
    expect(reviewData(store, { documentId }).changesSinceDone).toEqual([
      { annotator: 'alice', change: 'deleted', kind: 'span', label: 'PERSON', start: 0, end: 5 },
      { annotator: 'alice', change: 'deleted', kind: 'relation', label: 'PART_OF', start: 0, end: 5, tail: { start: 20, end: 28 } },
    ])
    expect(listed(store)).toEqual(['d1:2'])
    // Her undo brings both back (same ids, same content): nothing differs from the finish any more.
    undo(store, { documentId, annotator: 'alice' })
    expect(changed(store, documentId)).toBe(0)
    expect(reviewData(store, { documentId }).changesSinceDone).toBeUndefined()
    expect(listed(store)).toEqual([])
    // bob deletes only his relation.
    deleteRelation(store, ids.bob.rel)
    expect(changed(store, documentId)).toBe(1)
    // ...and every span of his layer (Kerry, Brussels): three of his items are gone.
    for (const s of store.spans.layer(documentId, store.annotators.byName('bob')!.id)) deleteSpan(store, s.id)
    expect(changed(store, documentId)).toBe(3)
    expect(store.spans.layer(documentId, store.annotators.byName('bob')!.id)).toEqual([])
    store.close()
  })

  it('an undo that removes an item made before the finish counts; a label change counts once; adding then deleting counts nothing', () => {
    const t = doneReview()
    const { store, documentId, ids } = t
    const alice = store.annotators.byName('alice')!.id
    // alice's last action before the finish was her relation: undoing it after the finish removes an item gold has.
    undo(store, { documentId, annotator: 'alice' })
    expect(store.relations.layer(documentId, alice)).toEqual([])
    expect(changed(store, documentId)).toBe(1)
    redo(store, { documentId, annotator: 'alice' })
    expect(changed(store, documentId)).toBe(0)
    // A relabel keeps the span's id: one item changed, not one deleted and one added.
    updateSpan(store, { id: ids.bob.kerry, label: 'ORG' })
    expect(changed(store, documentId)).toBe(1)
    expect(reviewData(store, { documentId }).changesSinceDone).toEqual([{ annotator: 'bob', change: 'changed', kind: 'span', label: 'ORG', start: 0, end: 5 }])
    updateSpan(store, { id: ids.bob.kerry, label: 'PERSON' })
    expect(changed(store, documentId)).toBe(0)
    const michel = createSpan(store, { documentId, annotator: 'bob', label: 'PERSON', start: 10, end: 16 })
    expect(changed(store, documentId)).toBe(1)
    deleteSpan(store, michel.id)
    expect(changed(store, documentId)).toBe(0)
    store.close()
  })

  it('a deletion is not forgotten after a restart, and reopening then finishing again starts from the layers as they are', () => {
    const t = doneReview()
    deleteSpan(t.store, t.ids.bob.kerry)
    t.store.close()
    const again = openStore(t.file)
    expect(reviewData(again, { documentId: t.documentId })).toMatchObject({ status: 'adjudicated', changedSinceDone: 2 })
    expect(listed(again)).toEqual(['d1:2'])
    markReviewDone(again, { documentId: t.documentId, reviewer: 'rita', done: false })
    expect(reviewData(again, { documentId: t.documentId })).toMatchObject({ status: 'in_review', changedSinceDone: 0 })
    expect(markReviewDone(again, { documentId: t.documentId, reviewer: 'rita', done: true })).toMatchObject({ status: 'adjudicated', changedSinceDone: 0 })
    again.close()
  })

  it('an import into an existing layer counts what it added', async () => {
    const t = doneReview()
    const file = join(t.dir, 'alice.jsonl')
    writeFileSync(file, JSON.stringify({ id: 'd1', text: TEXT, annotator: 'alice', spans: [{ start: 0, end: 5, label: 'PERSON' }, { start: 10, end: 16, label: 'PERSON' }] }) + '\n')
    await importFiles(t.store, [file], { annotator: null })
    // Kerry was there already (the import skips it); Michel is new.
    expect(changed(t.store, t.documentId)).toBe(1)
    t.store.close()
  })

  it('a team pull that replaces a colleague layer counts what it changed, and nothing when it writes the same content under new ids', () => {
    const t = doneReview({ team: true })
    const { store, documentId } = t
    store.team.markAllPushed(store.team.pending().map((change) => ({ change, version: 1 })))
    const bob = store.annotators.byName('bob')!.id
    const content = store.team.layerContent(documentId, bob)
    const idsBefore = store.spans.layer(documentId, bob).map((s) => s.id)
    expect(store.team.applyLayers([{ documentId: 'd1', annotator: 'bob', version: 2, seq: 0, content }], 1)).toEqual({ applied: 1, skipped: [] })
    expect(store.spans.layer(documentId, bob).map((s) => s.id)).not.toEqual(idsBefore)
    expect(changed(store, documentId)).toBe(0)
    // bob deleted his relation on his own desktop, and the pull brings that layer.
    expect(store.team.applyLayers([{ documentId: 'd1', annotator: 'bob', version: 3, seq: 0, content: { ...content, relations: [] } }], 2)).toEqual({ applied: 1, skipped: [] })
    expect(store.relations.layer(documentId, bob)).toEqual([])
    expect(reviewData(store, { documentId })).toMatchObject({ status: 'adjudicated', changedSinceDone: 1 })
    store.close()
  })
})
