import { describe, expect, it } from 'vitest'
import { createHandlers } from '../../../../../src/main/api/handlerTable'
import { dispatch } from '../../../../../src/main/api/dispatch'
import { insertSampleDocument } from '../../../../helpers/sampleDocument'
import { tempStore } from '../../../../helpers/tempWorkspace'
import type { SuggestReport } from '../../../../../src/shared/recommend/report'

function setup() {
  const t = tempStore()
  const a = insertSampleDocument(t.store, '000_7488830be606d235')
  const h = createHandlers({ store: t.store, version: 't', transport: 'http' })
  const call = async (m: string, args: unknown) => {
    const r = await dispatch(h, m, args)
    if (!r.ok) throw new Error(r.error.message)
    return r.value
  }
  return { ...t, a, h, call }
}

describe('recommend API methods', () => {
  it('suggests after a span is made, accepts all of a document as one undo, rejects for good', async () => {
    const { store, a, call } = setup()
    const ref = { documentId: a.doc.id, annotator: 'alice' }
    await call('spans.create', { ...ref, label: 'GPE', ...a.at('Brussels') })
    const r1 = (await call('recommend.suggestions', ref)) as SuggestReport
    expect(r1.problems).toEqual([])
    const n = r1.suggestions.length
    expect(n).toBeGreaterThan(1)
    expect(r1.suggestions.every((s) => s.text === 'Brussels' && a.doc.text.slice(s.start, s.end) === 'Brussels')).toBe(true)

    await call('recommend.reject', { ...ref, start: r1.suggestions[0].start, end: r1.suggestions[0].end, label: 'GPE', recommender: 'string-matcher' })
    const r2 = (await call('recommend.suggestions', ref)) as SuggestReport
    expect(r2.suggestions).toHaveLength(n - 1)

    const accepted = (await call('recommend.accept', { ...ref, suggestions: r2.suggestions.map(({ start, end, label, recommender, score, version }) => ({ start, end, label, recommender, score, version })) })) as unknown[]
    expect(accepted).toHaveLength(n - 1)
    expect(((await call('recommend.suggestions', ref)) as SuggestReport).suggestions).toEqual([])
    await call('history.undo', ref)
    const layer = (await call('annotations.get', ref)) as { spans: unknown[] }
    expect(layer.spans).toHaveLength(1)
    expect(((await call('recommend.suggestions', ref)) as SuggestReport).suggestions).toHaveLength(n - 1)
    store.close()
  })

  it('settings round-trip; a bad URL or kind is refused naming the field', async () => {
    const { store, h, call } = setup()
    const settings = {
      recommenders: [
        { kind: 'string-matcher', enabled: true },
        { kind: 'openai', enabled: false, url: 'http://127.0.0.1:11434', model: 'llama3.1' },
        { kind: 'english', enabled: true, mapping: { PLACE: 'LOC' } },
      ],
      threshold: 0.3,
    }
    expect(await call('recommend.settings.set', settings)).toEqual(settings)
    expect(await call('recommend.settings.get', {})).toEqual({ settings, scores: {} })
    const bad = await dispatch(h, 'recommend.settings.set', { ...settings, recommenders: [{ kind: 'ls-backend', enabled: true, url: 'file:///etc/passwd' }] })
    expect(bad).toMatchObject({ ok: false, error: { code: 'bad_request' } })
    expect(!bad.ok && bad.error.message).toMatch(/url/)
    expect(await call('recommend.settings.get', {})).toEqual({ settings, scores: {} })
    store.close()
  })

  it('a threshold switches off a recommender whose saved F1 is below it', async () => {
    const { store, a, call } = setup()
    const ref = { documentId: a.doc.id, annotator: 'alice' }
    await call('spans.create', { ...ref, label: 'GPE', ...a.at('Brussels') })
    // One done document: the string matcher cannot be cross-validated; score it by hand through the store's own path.
    const zero = { precision: 0, recall: 0, f1: 0, tp: 0, fp: 1, fn: 1 }
    store.recommend.setScores({ 'string-matcher': { recommender: 'string-matcher', documents: 2, folds: 2, overall: zero, perLabel: {} } })
    await call('recommend.settings.set', { recommenders: [{ kind: 'string-matcher', enabled: true }], threshold: 0.5 })
    const r = (await call('recommend.suggestions', ref)) as SuggestReport
    expect(r.suggestions).toEqual([])
    expect(r.belowThreshold).toEqual(['string-matcher'])
    await call('recommend.settings.set', { recommenders: [{ kind: 'string-matcher', enabled: true }], threshold: 0 })
    expect(((await call('recommend.suggestions', ref)) as SuggestReport).suggestions.length).toBeGreaterThan(0)
    store.close()
  })
})
