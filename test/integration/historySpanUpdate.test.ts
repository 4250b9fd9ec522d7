import { describe, expect, it } from 'vitest'
import { dispatch } from '../../src/main/api/dispatch'
import { createHandlers } from '../../src/main/api/handlerTable'
import type { Span } from '../../src/shared/domain/model'
import type { HistoryEntry, HistoryStep } from '../../src/shared/api/methods/history'
import { snapshotStore } from '../helpers/storeSnapshot'
import { tempStore } from '../helpers/tempWorkspace'

/** spans.update and history.* through the API dispatch, on a real temp workspace. */
function setup() {
  const { store } = tempStore()
  const h = createHandlers({ store, version: 't', transport: 'http' })
  const text = 'Kerry met Michel in Brussels after the attack.'
  const documentId = store.documents.insert({ externalId: 'd1', title: 'D', text, meta: {} })
  const ok = async <T>(method: string, args: unknown): Promise<T> => {
    const r = await dispatch(h, method, args)
    if (!r.ok) throw new Error(`${method}: ${r.error.message}`)
    return r.value as T
  }
  const fail = async (method: string, args: unknown) => {
    const r = await dispatch(h, method, args)
    if (r.ok) throw new Error(`${method} should have failed`)
    return r.error
  }
  const span = (needle: string, label: string) =>
    ok<Span>('spans.create', { documentId, annotator: 'alice', label, start: text.indexOf(needle), end: text.indexOf(needle) + needle.length })
  return { store, documentId, ok, fail, span }
}

describe('spans.update', () => {
  it('sets note, schema attributes and a normalization id, and clears the id with null', async () => {
    const { ok, span } = setup()
    const kerry = await span('Kerry', 'PERSON')
    const updated = await ok<Span>('spans.update', { id: kerry.id, note: 'US Secretary of State', attributes: { negated: true, certainty: 'low' }, norm: 'Q22316' })
    expect(updated).toMatchObject({ id: kerry.id, label: 'PERSON', note: 'US Secretary of State', attributes: { negated: true, certainty: 'low' }, norm: 'Q22316' })
    expect((await ok<Span>('spans.update', { id: kerry.id, norm: null })).norm).toBeNull()
  })

  it('refuses unknown attributes and values with a message naming them, changing nothing', async () => {
    const { store, ok, fail, span } = setup()
    const kerry = await span('Kerry', 'PERSON')
    const brussels = await span('Brussels', 'GPE')
    const before = snapshotStore(store)
    expect((await fail('spans.update', { id: kerry.id, attributes: { sarcastic: true } })).message).toBe(
      'PERSON has no attribute "sarcastic" (it has negated, certainty)',
    )
    expect((await fail('spans.update', { id: kerry.id, attributes: { certainty: 'medium' } })).message).toBe(
      'attribute certainty of PERSON is one of low, high, not "medium"',
    )
    expect((await fail('spans.update', { id: kerry.id, attributes: { negated: 'yes' } })).message).toBe(
      'attribute negated of PERSON is true or false, not "yes"',
    )
    expect((await fail('spans.update', { id: brussels.id, attributes: { negated: true } })).message).toBe('GPE has no attribute "negated" (it has none)')
    expect((await fail('spans.update', { id: kerry.id, label: 'NOPE' })).message).toMatch(/NOPE.*not an entity label/)
    expect((await fail('spans.update', { id: 9999, note: 'x' })).code).toBe('not_found')
    expect(snapshotStore(store)).toEqual(before)
    expect(await ok<Span>('spans.update', { id: kerry.id })).toEqual(kerry)
  })

  it('refuses a relabel that breaks an attached relation, naming it; allows one that keeps it valid', async () => {
    const { store, documentId, ok, fail, span } = setup()
    const kerry = await span('Kerry', 'PERSON')
    const attack = await span('attack', 'EVENT')
    const brussels = await span('Brussels', 'GPE')
    const rel = await ok<{ id: number }>('relations.create', { documentId, annotator: 'alice', label: 'PERPETRATOR_OF', headId: kerry.id, tailId: attack.id })
    await ok('relations.create', { documentId, annotator: 'alice', label: 'LOCATED_IN', headId: attack.id, tailId: brussels.id })
    const before = snapshotStore(store)
    const err = await fail('spans.update', { id: attack.id, label: 'DATE' })
    expect(err.message).toBe(`cannot relabel EVENT to DATE: relation #${rel.id} PERPETRATOR_OF needs a tail of type EVENT, not DATE; delete or change that relation first`)
    expect(snapshotStore(store)).toEqual(before)
    // ORG may perpetrate too: relabeling the head keeps PERPETRATOR_OF valid.
    const org = await ok<Span>('spans.update', { id: kerry.id, label: 'ORG' })
    expect(org.label).toBe('ORG')
    expect(org.attributes).toEqual({})
  })

  it('records each change for history.list, and undo/redo answer what they changed', async () => {
    const { documentId, ok, span } = setup()
    const kerry = await span('Kerry', 'PERSON')
    await ok('spans.update', { id: kerry.id, attributes: { negated: true } })
    const list = await ok<HistoryEntry[]>('history.list', { documentId, annotator: 'alice' })
    expect(list.map((e) => [e.action, e.annotator, e.summary])).toEqual([
      ['span.update', 'alice', 'PERSON "Kerry": attributes'],
      ['span.create', 'alice', 'PERSON "Kerry"'],
    ])
    const u = await ok<HistoryStep>('history.undo', { documentId, annotator: 'alice' })
    expect(u.changes.spans[0].attributes).toEqual({})
    const r = await ok<HistoryStep>('history.redo', { documentId, annotator: 'alice' })
    expect(r.changes.spans[0].attributes).toEqual({ negated: true })
    expect((await ok<HistoryStep>('history.redo', { documentId, annotator: 'alice' })).entry).toBeNull()
    expect((await ok<HistoryStep>('history.undo', { documentId, annotator: 'nobody' })).entry).toBeNull()
  })
})
