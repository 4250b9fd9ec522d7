import { describe, expect, it } from 'vitest'
import { createSpan, deleteSpan } from '../../src/main/services/annotate/annotationService'
import { listHistory, undo } from '../../src/main/services/annotate/historyService'
import { createLabel, deleteLabel } from '../../src/main/services/schema/schemaService'
import { tempStore } from '../helpers/tempWorkspace'

describe('deleting a label retires the history that names it', () => {
  it('an undo never brings a span back under a new label that reused the deleted id', () => {
    const { store } = tempStore()
    const docId = store.documents.insert({ externalId: 'd1', title: 'd1', text: 'Kerry met Michel in Brussels.', meta: {} })
    const ref = { documentId: docId, annotator: 'alice' }
    const zzz = createLabel(store, { kind: 'entity', name: 'ZZZ', color: '#123456' })
    const span = createSpan(store, { ...ref, label: 'ZZZ', start: 0, end: 5 })
    deleteSpan(store, span.id)
    deleteLabel(store, zzz.id, true)
    // SQLite hands the next label the freed id (no AUTOINCREMENT on label_types).
    const reused = createLabel(store, { kind: 'entity', name: 'YYY', color: '#654321' })
    expect(reused.id).toBe(zzz.id)

    expect(undo(store, ref).entry).toBeNull()
    expect(store.spans.layer(docId, store.annotators.byName('alice')!.id)).toEqual([])
    expect(listHistory(store, ref).map((e) => e.state)).toEqual(['discarded', 'discarded'])
  })

  it('history of other labels is left alone', () => {
    const { store } = tempStore()
    const docId = store.documents.insert({ externalId: 'd1', title: 'd1', text: 'Kerry met Michel in Brussels.', meta: {} })
    const ref = { documentId: docId, annotator: 'alice' }
    const zzz = createLabel(store, { kind: 'entity', name: 'ZZZ', color: '#123456' })
    createSpan(store, { ...ref, label: 'ZZZ', start: 0, end: 5 })
    const person = createSpan(store, { ...ref, label: 'PERSON', start: 10, end: 16 })
    deleteLabel(store, zzz.id, true)
    const step = undo(store, ref)
    expect(step.changes.removedSpanIds).toEqual([person.id])
  })
})
