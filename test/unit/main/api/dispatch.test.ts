import { describe, expect, it } from 'vitest'
import { dispatch } from '../../../../src/main/api/dispatch'
import { createHandlers } from '../../../../src/main/api/handlerTable'
import { tempStore } from '../../../helpers/tempWorkspace'
import { snapshotStore } from '../../../helpers/storeSnapshot'

describe('dispatch', () => {
  const { store } = tempStore()
  const h = createHandlers({ store, version: 't', transport: 'http' })
  const docId = store.documents.insert({ externalId: 'd1', title: 'D', text: 'Kerry met Michel 😀 in Brussels.', meta: {} })

  it('never throws: unknown methods, bad args and handler errors are error replies', async () => {
    const before = snapshotStore(store)
    const bad: [unknown, unknown, string][] = [
      ['nope', {}, 'unknown_method'],
      [42, {}, 'unknown_method'],
      ['spans.create', { documentId: docId }, 'bad_request'],
      ['spans.create', { documentId: docId, annotator: 'a', label: 'NOPE', start: 0, end: 5 }, 'bad_request'],
      ['spans.create', { documentId: docId, annotator: 'a', label: 'PERSON', start: 0, end: 999 }, 'bad_request'],
      ['spans.create', { documentId: docId, annotator: 'a', label: 'PERSON', start: 17, end: 18 }, 'bad_request'],
      ['spans.create', { documentId: 999, annotator: 'a', label: 'PERSON', start: 0, end: 5 }, 'not_found'],
      ['spans.delete', { id: 12345 }, 'not_found'],
      ['documents.get', { externalId: 'missing' }, 'not_found'],
    ]
    for (const [m, args, code] of bad) {
      const r = await dispatch(h, m, args)
      expect(r.ok, `${String(m)} ${JSON.stringify(args)}`).toBe(false)
      if (!r.ok) expect(r.error.code).toBe(code)
    }
    expect(snapshotStore(store)).toEqual(before)
  })

  it('creates a span, sets the document in progress, and refuses a relation against the schema', async () => {
    const a = await dispatch(h, 'spans.create', { documentId: docId, annotator: 'alice', label: 'PERSON', start: 0, end: 5 })
    const b = await dispatch(h, 'spans.create', { documentId: docId, annotator: 'alice', label: 'GPE', start: 23, end: 31 })
    expect(a.ok && b.ok).toBe(true)
    if (!a.ok || !b.ok) return
    const list = await dispatch(h, 'documents.list', { annotator: 'alice' })
    expect(list.ok && (list.value as { status: string }[])[0].status).toBe('in_progress')
    // PERPETRATOR_OF needs an EVENT tail.
    const r = await dispatch(h, 'relations.create', {
      documentId: docId,
      annotator: 'alice',
      label: 'PERPETRATOR_OF',
      headId: (a.value as { id: number }).id,
      tailId: (b.value as { id: number }).id,
    })
    expect(r).toMatchObject({ ok: false, error: { code: 'bad_request' } })
    if (!r.ok) expect(r.error.message).toMatch(/EVENT/)
  })
})
