import { describe, expect, it } from 'vitest'
import { changedSinceDone, layerChangeList, layerChanges } from '../../../../src/shared/review/changedSinceDone'
import type { LayerItem } from '../../../../src/shared/review/changedSinceDone'

const item = (annotatorId: number, itemId: number, content: string, kind: LayerItem['kind'] = 's'): LayerItem => ({ annotatorId, kind, itemId, content })
const THEN = [item(1, 10, 'kerry'), item(1, 11, 'brussels'), item(1, 20, 'part-of', 'r'), item(2, 12, 'kerry')]

describe('layerChanges: annotator items added, deleted or changed between two readings of a document', () => {
  it('counts nothing for the same items, in any order or under new ids (a pulled layer written again)', () => {
    expect(layerChanges(THEN, [...THEN].reverse())).toBe(0)
    expect(layerChanges(THEN, THEN.map((i, n) => ({ ...i, itemId: 100 + n })))).toBe(0)
  })

  it('counts a deletion, an addition and an edit (same id, other content) once each', () => {
    expect(layerChanges(THEN, THEN.slice(1))).toBe(1)
    expect(layerChanges(THEN, [...THEN, item(2, 13, 'michel')])).toBe(1)
    expect(layerChanges(THEN, THEN.map((i) => (i.itemId === 11 ? { ...i, content: 'brussels-loc' } : i)))).toBe(1)
    // An edit under a new id reads as a deletion and an addition.
    expect(layerChanges(THEN, THEN.map((i) => (i.itemId === 11 ? { ...i, itemId: 99, content: 'brussels-loc' } : i)))).toBe(2)
    expect(layerChanges(THEN, [])).toBe(4)
    expect(layerChanges([], THEN)).toBe(4)
  })

  it('tells annotators, kinds and repeated items apart', () => {
    // bob's item with alice's content is not alice's item.
    expect(layerChanges(THEN, THEN.map((i) => (i.itemId === 12 ? { ...i, annotatorId: 3 } : i)))).toBe(2)
    expect(layerChanges([item(1, 1, 'x', 's')], [item(1, 2, 'x', 'r')])).toBe(2)
    // Two identical spans, one of them deleted: one change (a set would see none).
    expect(layerChanges([item(1, 1, 'x'), item(1, 2, 'x')], [item(1, 1, 'x')])).toBe(1)
  })
})

describe('changedSinceDone: the one definition', () => {
  it('counts a layer only when it joins or leaves holding nothing (an empty layer is a reading of its own)', () => {
    const layer = (annotatorId: number) => item(annotatorId, annotatorId, '[]', 'l')
    const then = [...THEN, layer(1), layer(2)]
    // carl's empty layer joins: one change; it leaves again: nothing.
    expect(layerChangeList(then, [...then, layer(3)])).toEqual([{ change: 'added', item: layer(3) }])
    expect(layerChangeList([...then, layer(3)], then)).toEqual([{ change: 'deleted', item: layer(3) }])
    // He labels one span: that span is the change, not his layer as well.
    expect(layerChanges(then, [...then, layer(3), item(3, 30, 'kerry')])).toBe(1)
    // bob deletes his only item and keeps his (now empty) layer: one deletion; his layer was there before.
    expect(layerChanges(then, then.filter((i) => i.itemId !== 12))).toBe(1)
    // A layer whose status row is dropped while its items stay: nothing (its items are what is compared).
    expect(layerChanges(then, then.filter((i) => i.kind !== 'l'))).toBe(0)
  })

  it('is 0 on a review not done; the items changed since the finish when the layers were kept then; at least what differs from gold when kept at an upgrade', () => {
    expect(changedSinceDone({ done: false, since: { taken: 'done', changes: 3 }, open: 2, agreedMissing: 1 })).toBe(0)
    expect(changedSinceDone({ done: true, since: { taken: 'done', changes: 3 }, open: 0, agreedMissing: 0 })).toBe(3)
    expect(changedSinceDone({ done: true, since: { taken: 'upgrade', changes: 1 }, open: 2, agreedMissing: 1 })).toBe(3)
    expect(changedSinceDone({ done: true, since: { taken: 'upgrade', changes: 4 }, open: 2, agreedMissing: 1 })).toBe(4)
    expect(changedSinceDone({ done: true, since: null, open: 1, agreedMissing: 0 })).toBe(1)
  })
})
