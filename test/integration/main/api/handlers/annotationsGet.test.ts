// annotations.get by external id (the start asks for the layer beside the document) reads exactly the layer the row
// id names, and a hostile or unknown external id reads nothing and changes nothing. Real SQLite in a temp dir.
import { afterEach, describe, expect, it } from 'vitest'
import { dispatch } from '../../../../../src/main/api/dispatch'
import { createHandlers } from '../../../../../src/main/api/handlerTable'
import { createRelation, createSpan } from '../../../../../src/main/services/annotate/annotationService'
import type { Store } from '../../../../../src/main/store/store'
import { tempStore } from '../../../../helpers/tempWorkspace'

let open: Store | undefined
afterEach(() => open?.close())

function workspace() {
  const { store } = tempStore()
  open = store
  const doc = (externalId: string, text: string) => store.documents.insert({ externalId, title: externalId, text, meta: {} })
  const kerry = doc('news/ü-1', 'Kerry met Michel in Brussels.')
  const other = doc("x' OR '1'='1", 'Angela flew to Paris.')
  const span = (documentId: number, annotator: string, label: string, start: number, end: number) =>
    createSpan(store, { documentId, annotator, label, start, end, attributes: {}, note: '' })
  const k1 = span(kerry, 'alice', 'PERSON', 0, 5)
  const k2 = span(kerry, 'alice', 'PERSON', 10, 16)
  span(kerry, 'bob', 'GPE', 20, 28)
  createRelation(store, { documentId: kerry, annotator: 'alice', label: 'PART_OF', headId: k1.id, tailId: k2.id })
  span(other, 'alice', 'PERSON', 0, 6)
  const h = createHandlers({ store, version: 't', transport: 'http' })
  const get = (args: unknown) => dispatch(h, 'annotations.get', args)
  return { store, kerry, other, get }
}

describe('annotations.get by external id', () => {
  it('reads the same layer as by row id, for each annotator and document', async () => {
    const { kerry, other, get } = workspace()
    for (const [externalId, documentId] of [['news/ü-1', kerry], ["x' OR '1'='1", other]] as const) {
      for (const annotator of ['alice', 'bob']) {
        const byId = await get({ documentId, annotator })
        const byExternal = await get({ externalId, annotator })
        expect(byId.ok).toBe(true)
        expect(byExternal).toStrictEqual(byId)
      }
    }
    const alice = await get({ externalId: 'news/ü-1', annotator: 'alice' })
    if (!alice.ok) throw new Error(alice.error.message)
    const layer = alice.value as { spans: { start: number; documentId: number }[]; relations: unknown[] }
    expect(layer.spans.map((s) => [s.documentId, s.start])).toEqual([
      [kerry, 0],
      [kerry, 10],
    ])
    expect(layer.relations).toHaveLength(1)
  })

  it('an annotator without a layer gets an empty one; an unknown external id is not_found, naming it', async () => {
    const { get } = workspace()
    expect(await get({ externalId: 'news/ü-1', annotator: 'carol' })).toEqual({ ok: true, value: { spans: [], relations: [] } })
    const missing = await get({ externalId: 'news/ü-2', annotator: 'alice' })
    expect(missing.ok).toBe(false)
    if (missing.ok) return
    expect(missing.error.code).toBe('not_found')
    expect(missing.error.message).toContain('news/ü-2')
  })

  it('hostile external ids match nothing but themselves and change nothing', async () => {
    const { store, get } = workspace()
    const before = JSON.stringify([store.documents.count(), store.spans.layer(1, store.annotators.byName('alice')!.id)])
    for (const externalId of ["' OR 1=1 --", '%', '_', 'news/%', 'NEWS/Ü-1', 'news/ü-1 ', '\u0000', '😀'.repeat(100), "x' OR '1'='1' --"]) {
      const r = await get({ externalId, annotator: 'alice' })
      expect(r.ok ? 'answered' : r.error.code, JSON.stringify(externalId)).toBe('not_found')
    }
    for (const args of [{ externalId: 'news/ü-1', documentId: 1, annotator: 'alice' }, { externalId: '', annotator: 'alice' }, { externalId: 1, annotator: 'alice' }]) {
      const r = await get(args)
      expect(r.ok ? 'answered' : r.error.code, JSON.stringify(args)).toBe('bad_request')
    }
    expect(JSON.stringify([store.documents.count(), store.spans.layer(1, store.annotators.byName('alice')!.id)])).toBe(before)
  })
})
