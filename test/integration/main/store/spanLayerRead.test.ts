import { afterEach, describe, expect, it } from 'vitest'
import type { Store } from '../../../../src/main/store/store'
import { tempStore } from '../../../helpers/tempWorkspace'

/**
 * `spans.layer` reads the packed row shape (9 columns, the rarely set ones folded
 * into one JSON array) rather than 21 named columns. Every span it returns must be
 * exactly what `byId` (the full named-column read) returns, for every kind of span
 * a layer can hold, in the layer's order.
 */

const open: Store[] = []
afterEach(() => {
  for (const s of open.splice(0)) s.close()
})

function workspace() {
  const { store } = tempStore()
  open.push(store)
  const text = 'Zoë met 李明 in Brussels 🎉 on Monday; the café\u0301 stayed open until the talks ended in Paris.'
  const documentId = store.documents.insert({ externalId: 'd1', title: 'D1', text, meta: {} })
  const alice = store.annotators.ensure('alice')
  const gold = store.annotators.ensure('gold')
  const label = (name: string) => store.labels.byName('entity', name)!.id
  return { store, text, documentId, alice: alice.id, gold: gold.id, label }
}

describe('spans.layer', () => {
  it('returns each span exactly as byId reads it: plain, fragments, events, attributes, notes, norms, provenance, suggestions, non-ASCII', () => {
    const { store, documentId, alice, gold, label } = workspace()
    const ids = [
      store.spans.insert({ documentId, annotatorId: alice, labelId: label('PERSON'), start: 0, end: 3 }),
      store.spans.insert({ documentId, annotatorId: alice, labelId: label('PERSON'), start: 8, end: 10, note: 'given name — «naïve»', attributes: { confident: true, rank: 2, tag: 'x' } }),
      store.spans.insert({ documentId, annotatorId: alice, labelId: label('GPE'), start: 14, end: 22, norm: 'Q239', normText: 'Brussels (city)' }),
      store.spans.insert({ documentId, annotatorId: alice, labelId: label('EVENT'), start: 23, end: 25, sourceId: 'T9' }),
      store.spans.insert({ documentId, annotatorId: alice, labelId: label('GPE'), start: 0, end: 22, fragments: [[0, 3], [14, 22]] }),
      store.spans.insert({ documentId, annotatorId: alice, labelId: label('DATE'), start: 29, end: 35, kind: 'trigger' }),
    ]
    ids.push(store.spans.insert({ documentId, annotatorId: alice, labelId: label('EVENT'), start: 29, end: 35, kind: 'trigger', triggerId: ids[5] }))
    store.recommend.setSuggestedBy(ids[1], { recommender: 'dictionary', score: 0.75, version: '1' })
    // Another layer of the same document, and a gold item with provenance.
    store.spans.insert({ documentId, annotatorId: gold, labelId: label('PERSON'), start: 0, end: 3, provenance: { annotator: 'alice', itemId: 'T1', acceptedBy: 'bob', acceptedAt: '2026-01-01T00:00:00.000Z', edited: true } })

    const layer = store.spans.layer(documentId, alice)
    expect(layer.map((s) => s.id).sort((a, b) => a - b)).toEqual([...ids].sort((a, b) => a - b))
    for (const s of layer) expect(s).toStrictEqual(store.spans.byId(s.id))
    // Key order too: the reply's JSON is the same bytes as before.
    for (const s of layer) expect(JSON.stringify(s)).toBe(JSON.stringify(store.spans.byId(s.id)))
    // Ordered by start, the longer span first at one start, then id.
    expect(layer.map((s) => [s.start, s.end])).toEqual([[0, 22], [0, 3], [8, 10], [14, 22], [23, 25], [29, 35], [29, 35]])
    expect(layer.find((s) => s.triggerId)?.triggerId).toBe(ids[5])
    expect(layer.find((s) => s.id === ids[1])?.suggestedBy).toEqual({ recommender: 'dictionary', score: 0.75, version: '1' })

    const goldLayer = store.spans.layer(documentId, gold)
    expect(goldLayer).toHaveLength(1)
    expect(goldLayer[0]).toStrictEqual(store.spans.byId(goldLayer[0].id))
    expect(goldLayer[0].provenance).toEqual({ annotator: 'alice', itemId: 'T1', acceptedBy: 'bob', acceptedAt: '2026-01-01T00:00:00.000Z', edited: true })
  })

  it('names a label renamed after the spans were made, and a label added since', () => {
    const { store, documentId, alice, label } = workspace()
    const id = store.spans.insert({ documentId, annotatorId: alice, labelId: label('PERSON'), start: 0, end: 3 })
    expect(store.spans.layer(documentId, alice)[0].label).toBe('PERSON')
    store.db.prepare("UPDATE label_types SET name = 'HUMAN' WHERE id = ?").run(label('PERSON'))
    expect(store.spans.layer(documentId, alice)[0]).toStrictEqual(store.spans.byId(id))
    expect(store.spans.layer(documentId, alice)[0].label).toBe('HUMAN')
  })

  it('an empty layer, and another annotator\'s document, read as nothing', () => {
    const { store, documentId, alice, gold, label } = workspace()
    expect(store.spans.layer(documentId, alice)).toEqual([])
    store.spans.insert({ documentId, annotatorId: gold, labelId: label('PERSON'), start: 0, end: 3 })
    expect(store.spans.layer(documentId, alice)).toEqual([])
    expect(store.spans.layer(documentId + 1, gold)).toEqual([])
  })
})
