import { describe, expect, it } from 'vitest'
import { dispatch } from '../../../../../src/main/api/dispatch'
import { createHandlers } from '../../../../../src/main/api/handlerTable'
import { createRelation, createSpan, deleteSpan } from '../../../../../src/main/services/annotate/annotationService'
import { listConflicts, resolveConflict } from '../../../../../src/main/services/team/conflictService'
import { GoldItemStore } from '../../../../../src/main/store/goldItemStore'
import type { Store } from '../../../../../src/main/store/store'
import { joinTeam } from '../../../../../src/main/store/teamMembership'
import { tempStore } from '../../../../helpers/tempWorkspace'

const TEXT = 'Marie Curie joined the University of Paris.'

function workspace(): { store: Store; doc: number } {
  const { store } = tempStore()
  // A workspace with sync conflicts is in a team: its first sync joined it (its writes mark the outbox; migration 14).
  joinTeam(store.db)
  const doc = store.documents.insert({ externalId: 'd1', title: 'd1', text: TEXT, meta: {} })
  return { store, doc }
}

const span = (store: Store, doc: number, annotator: string, words: string, label: string) =>
  createSpan(store, { documentId: doc, annotator, label, start: TEXT.indexOf(words), end: TEXT.indexOf(words) + words.length })

/**
 * The conflict service on a real workspace file, without a server: a lost
 * race is recorded the way sync records it (GoldItemStore.keepAside with the
 * server's copy; TeamStore.recordConflict for a whole layer).
 */
describe('team conflicts: list and resolve', () => {
  it('answers through the API contract: an empty list, and plain errors for bad arguments or an unknown id', async () => {
    const { store } = workspace()
    const handlers = createHandlers({ store, version: 'test', transport: 'http' })
    expect(await dispatch(handlers, 'conflicts.list', {})).toEqual({ ok: true, value: [] })
    expect(await dispatch(handlers, 'conflicts.resolve', { id: 1, keep: 'theirs' })).toMatchObject({ ok: false, error: { code: 'bad_request', message: expect.stringMatching(/keep/) } })
    expect(await dispatch(handlers, 'conflicts.resolve', { id: -1, keep: 'mine' })).toMatchObject({ ok: false, error: { code: 'bad_request' } })
    expect(await dispatch(handlers, 'conflicts.list', { documentId: 1, extra: true })).toMatchObject({ ok: false, error: { code: 'bad_request' } })
    expect(await dispatch(handlers, 'conflicts.resolve', { id: 7, keep: 'mine' })).toMatchObject({ ok: false, error: { code: 'not_found', message: 'no conflict with id 7' } })
    store.close()
  })

  it("take mine on a relation whose span is gone meanwhile: refused in words, nothing changed, still open", async () => {
    const { store, doc } = workspace()
    const curie = span(store, doc, 'gold', 'Marie Curie', 'PERSON')
    const uni = span(store, doc, 'gold', 'University of Paris', 'ORG')
    createRelation(store, { documentId: doc, annotator: 'gold', label: 'AFFILIATED_WITH', headId: curie.id, tailId: uni.id })
    const gold = new GoldItemStore(store.db)
    const relation = gold.pending(10).find((i) => i.kind === 'relation')!
    // The server held another label for it: that copy is now shown; this desktop's kept aside.
    const theirs = { ...relation, version: 2, seq: 9, content: { ...(relation.content as object), label: 'PART_OF' } as typeof relation.content }
    gold.keepAside(relation, 'conflict', 'someone else wrote it', theirs)
    const [c] = listConflicts(store, { documentId: doc })
    expect(c).toMatchObject({
      item: { kind: 'relation' },
      mine: { summary: 'AFFILIATED_WITH: "Marie Curie" → "University of Paris"' },
      theirs: { summary: 'PART_OF: "Marie Curie" → "University of Paris"' },
    })
    deleteSpan(store, curie.id)
    expect(() => resolveConflict(store, { id: c.id, keep: 'mine' })).toThrow(/cannot take this desktop's version: it names a span this desktop's gold layer does not have any more/)
    expect(listConflicts(store)).toHaveLength(1)
    expect(resolveConflict(store, { id: c.id, keep: 'server' })).toMatchObject({ remaining: 0 })
    store.close()
  })

  it("take mine on a whole layer's lost race puts that copy back and marks the layer for the next push", async () => {
    const { store, doc } = workspace()
    span(store, doc, 'alice', 'Marie Curie', 'PERSON')
    span(store, doc, 'alice', 'Paris', 'GPE')
    const [change] = store.team.pending()
    store.team.recordConflict(change, 'conflict', 'someone else wrote it', 3)
    // Sync then showed the server's copy: one span only.
    deleteSpan(store, store.spans.layer(doc, store.annotators.byName('alice')!.id).find((s) => s.label === 'GPE')!.id)
    const [c] = listConflicts(store)
    expect(c).toMatchObject({ item: null, annotator: 'alice', mine: { summary: '2 spans, 0 relations' }, theirs: null, canTakeMine: true })
    resolveConflict(store, { id: c.id, keep: 'mine' })
    expect(store.spans.layer(doc, store.annotators.byName('alice')!.id).map((s) => s.label)).toEqual(['PERSON', 'GPE'])
    expect(store.team.pending().map((p) => p.annotator)).toEqual(['alice'])
    expect(listConflicts(store)).toEqual([])
    store.close()
  })
})
