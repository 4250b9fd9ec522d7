import { describe, expect, it } from 'vitest'
import { dispatch } from '../../../../src/main/api/dispatch'
import { createHandlers } from '../../../../src/main/api/handlerTable'
import { tempStore } from '../../../helpers/tempWorkspace'

describe('documents.layers: who else has labelled a document', () => {
  it("lists each human layer with its span count and status (an empty layer marked done too), not gold's", async () => {
    const { store } = tempStore()
    const id = store.documents.insert({ externalId: 'd1', title: 'D', text: 'Kerry met Michel in Brussels.', meta: {} })
    const other = store.documents.insert({ externalId: 'd2', title: 'E', text: 'Nothing here.', meta: {} })
    const h = createHandlers({ store, version: 't', transport: 'http' })
    const call = async (method: string, args: Record<string, unknown>) => {
      const r = await dispatch(h, method, args)
      if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`)
      return r.value
    }
    await call('spans.create', { documentId: id, annotator: 'esp', start: 0, end: 5, label: 'PERSON' })
    await call('spans.create', { documentId: id, annotator: 'esp', start: 10, end: 16, label: 'PERSON' })
    store.spans.insert({ documentId: id, annotatorId: store.annotators.ensure('gold', 'gold').id, labelId: store.labels.list().find((l) => l.name === 'PERSON')!.id, start: 0, end: 5 })
    await call('documents.setStatus', { documentId: id, annotator: 'bob', status: 'done' })
    await call('spans.create', { documentId: other, annotator: 'carol', start: 0, end: 7, label: 'ORG' })
    expect(await call('documents.layers', { documentId: id })).toEqual([
      { annotator: 'bob', spans: 0, status: 'done' },
      { annotator: 'esp', spans: 2, status: expect.any(String) },
    ])
    expect(await call('documents.layers', { documentId: other })).toEqual([{ annotator: 'carol', spans: 1, status: expect.any(String) }])
    const missing = await dispatch(h, 'documents.layers', { documentId: 999 })
    expect(missing.ok ? null : missing.error.code).toBe('not_found')
    const bad = await dispatch(h, 'documents.layers', { documentId: 'd1' })
    expect(bad.ok ? null : bad.error.code).toBe('bad_request')
    store.close()
  })
})
