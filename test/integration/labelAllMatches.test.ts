import { describe, expect, it } from 'vitest'
import { createSpan, createSpans } from '../../src/main/services/annotate/annotationService'
import { listHistory, redo, undo } from '../../src/main/services/annotate/historyService'
import { insertSampleDocument } from '../helpers/sampleDocument'
import { tempStore } from '../helpers/tempWorkspace'

const KERRY = '001_5a98d8623b08ebb0'

function all(text: string, needle: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = []
  for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) out.push({ start: at, end: at + needle.length })
  return out
}

describe('spans.createMany: label all matches as one undoable action', () => {
  it('creates every range as one history entry; one undo removes them all, one redo brings back the same ids', () => {
    const { store } = tempStore()
    const { doc } = insertSampleDocument(store, KERRY)
    const ranges = all(doc.text, 'Kerry')
    expect(ranges.length).toBeGreaterThan(2)
    const made = createSpans(store, { documentId: doc.id, annotator: 'alice', label: 'PERSON', ranges })
    expect(made.map((s) => doc.text.slice(s.start, s.end))).toEqual(ranges.map(() => 'Kerry'))
    const ref = { documentId: doc.id, annotator: 'alice' }
    const history = listHistory(store, ref)
    expect(history).toHaveLength(1)
    expect(history[0].summary).toBe(`PERSON "Kerry" × ${ranges.length}`)
    const u = undo(store, ref)
    expect(u.changes.removedSpanIds.sort((a, b) => a - b)).toEqual(made.map((s) => s.id).sort((a, b) => a - b))
    expect(store.spans.layer(doc.id, store.annotators.byName('alice')!.id)).toEqual([])
    const r = redo(store, ref)
    expect(r.changes.spans.map((s) => s.id).sort((a, b) => a - b)).toEqual(made.map((s) => s.id).sort((a, b) => a - b))
  })

  it('skips ranges the layer already has with that label, and records nothing when all are there', () => {
    const { store } = tempStore()
    const { doc } = insertSampleDocument(store, KERRY)
    const ranges = all(doc.text, 'Belgium')
    createSpan(store, { documentId: doc.id, annotator: 'alice', label: 'GPE', ...ranges[0] })
    const made = createSpans(store, { documentId: doc.id, annotator: 'alice', label: 'GPE', ranges })
    expect(made).toHaveLength(ranges.length - 1)
    expect(createSpans(store, { documentId: doc.id, annotator: 'alice', label: 'GPE', ranges })).toEqual([])
    expect(listHistory(store, { documentId: doc.id, annotator: 'alice' })).toHaveLength(2)
  })

  it('refuses the whole batch (nothing written) when one range is out of bounds or the label is unknown', () => {
    const { store } = tempStore()
    const { doc } = insertSampleDocument(store, KERRY)
    const ok = all(doc.text, 'Kerry')
    expect(() => createSpans(store, { documentId: doc.id, annotator: 'alice', label: 'PERSON', ranges: [...ok, { start: doc.text.length, end: doc.text.length + 3 }] })).toThrow(/out of bounds/)
    expect(() => createSpans(store, { documentId: doc.id, annotator: 'alice', label: 'NOPE', ranges: ok })).toThrow(/not an entity label/)
    expect(store.annotators.byName('alice') ? store.spans.layer(doc.id, store.annotators.byName('alice')!.id) : []).toEqual([])
    expect(listHistory(store, { documentId: doc.id, annotator: 'alice' })).toEqual([])
  })
})
