import { afterEach, describe, expect, it } from 'vitest'
import { dispatch } from '../../../../../src/main/api/dispatch'
import { createHandlers } from '../../../../../src/main/api/handlerTable'
import type { Store } from '../../../../../src/main/store/store'
import type { AgreementReport } from '../../../../../src/shared/agreement/report'
import { tempStore } from '../../../../helpers/tempWorkspace'

let store: Store
afterEach(() => store?.close())

describe("'review.agreement' through dispatch", () => {
  it('validates its arguments and returns the report as plain JSON', async () => {
    store = tempStore().store
    const h = createHandlers({ store, version: 't', transport: 'http' })
    const doc = store.documents.insert({ externalId: 'd1', title: 'D', text: 'Kerry met Michel.', meta: {} })
    const person = store.labels.byName('entity', 'PERSON')!.id
    for (const name of ['alice', 'bob']) {
      const a = store.annotators.ensure(name).id
      store.spans.insert({ documentId: doc, annotatorId: a, labelId: person, start: 0, end: 5 })
    }
    for (const bad of [{ annotators: 'alice' }, { annotators: [] }, { labels: ['has space'] }, { documentIds: [0] }, { extra: 1 }]) {
      const r = await dispatch(h, 'review.agreement', bad)
      expect(r.ok, JSON.stringify(bad)).toBe(false)
      if (!r.ok) expect(r.error.code).toBe('bad_request')
    }
    const missing = await dispatch(h, 'review.agreement', { annotators: ['alice', 'zed'] })
    expect(missing.ok).toBe(false)
    if (!missing.ok) expect(missing.error).toMatchObject({ code: 'not_found', message: expect.stringContaining('"zed"') })

    const r = await dispatch(h, 'review.agreement', {})
    expect(r.ok).toBe(true)
    if (!r.ok) return
    const report = r.value as AgreementReport
    expect(JSON.parse(JSON.stringify(report))).toEqual(report)
    expect(report).toMatchObject({ annotators: ['alice', 'bob'], documents: 1, pairs: [{ a: 'alice', b: 'bob', spanF1Exact: 1, cohenKappa: 1 }] })
  })
})
