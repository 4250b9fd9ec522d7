import { describe, expect, it } from 'vitest'
import { dispatch } from '../../src/main/api/dispatch'
import { createHandlers } from '../../src/main/api/handlerTable'
import { createSpan } from '../../src/main/services/annotate/annotationService'
import type { LibraryCounts, LibraryEntry } from '../../src/shared/api/methods/documents'
import { tempStore } from '../helpers/tempWorkspace'

const N = 250

/** 250 documents in a shuffled id order, alice's and bob's layers on some, a few statuses. */
function corpus() {
  const { store } = tempStore()
  const ids: number[] = []
  store.transaction(() => {
    for (let i = 0; i < N; i++) {
      const k = (i * 97) % N // external ids and titles not in import order
      const title = `${['Alpha', 'beta', 'Gamma', 'delta'][k % 4]} report ${String(k).padStart(3, '0')}`
      ids.push(store.documents.insert({ externalId: `doc-${String(k).padStart(3, '0')}`, title, text: `${title}\n\nBody ${'word '.repeat(k % 7)}end.`, meta: {} }))
    }
  })
  const alice = store.annotators.ensure('alice').id
  const span = (doc: number, annotator: string, label = 'PERSON') =>
    createSpan(store, { documentId: doc, annotator, label, start: 0, end: 4, attributes: {}, note: '' })
  // alice: spans on every 3rd document (k spans on the k-th of them, up to 4), done on every 5th, in progress on every 7th.
  ids.forEach((id, i) => {
    if (i % 3 === 0) for (let j = 0; j < (i / 3) % 4; j++) createSpan(store, { documentId: id, annotator: 'alice', label: j % 2 ? 'ORG' : 'PERSON', start: j, end: j + 3, attributes: {}, note: '' })
    if (i % 5 === 0) store.documents.setStatus(id, alice, 'done')
    else if (i % 7 === 0) store.documents.setStatus(id, alice, 'in_progress')
    if (i % 10 === 0) span(id, 'bob', 'ORG')
  })
  const h = createHandlers({ store, version: 't', transport: 'http' })
  const call = async <T,>(method: string, args: Record<string, unknown>): Promise<T> => {
    const r = await dispatch(h, method, args)
    if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`)
    return r.value as T
  }
  const list = (args: Record<string, unknown> = {}) => call<LibraryEntry[]>('documents.list', { annotator: 'alice', ...args })
  const counts = (args: Record<string, unknown> = {}) => call<LibraryCounts>('documents.counts', { annotator: 'alice', ...args })
  return { store, ids, h, call, list, counts, span }
}

/** Every page of a listing, fetched `size` at a time. */
async function allPages(list: (a: Record<string, unknown>) => Promise<LibraryEntry[]>, args: Record<string, unknown>, size: number) {
  const out: LibraryEntry[] = []
  for (let offset = 0; ; offset += size) {
    const page = await list({ ...args, offset, limit: size })
    out.push(...page)
    if (page.length < size) return out
  }
}

function expectedStatus(i: number) {
  // A first span moves a document to in progress.
  const hasSpans = i % 3 === 0 && (i / 3) % 4 > 0
  return i % 5 === 0 ? 'done' : i % 7 === 0 || hasSpans ? 'in_progress' : 'todo'
}

describe('library paging, sorting and counts (SQL, a real workspace file)', () => {
  it('pages through the whole corpus in import order without gaps or repeats, 100 rows by default', async () => {
    const { list, ids } = corpus()
    expect(await list()).toHaveLength(100)
    const all = await allPages(list, {}, 37)
    expect(all.map((d) => d.id)).toEqual(ids)
    expect((await list({ offset: N })).length).toBe(0)
    expect((await list({ dir: 'desc', limit: 3 })).map((d) => d.id)).toEqual(ids.slice(-3).reverse())
  })

  it('sorts by id, title (case-insensitive), status, spans, updated, layers and length, both ways, ties broken by import order', async () => {
    const { list, ids, store } = corpus()
    const byExternal = await allPages(list, { sort: 'externalId' }, 100)
    expect(byExternal.map((d) => d.externalId)).toEqual([...byExternal.map((d) => d.externalId)].sort())
    const byTitle = await allPages(list, { sort: 'title', dir: 'desc' }, 60)
    const titles = byTitle.map((d) => d.title.toLowerCase())
    expect(titles).toEqual([...titles].sort().reverse())
    expect(byTitle[0].title.startsWith('Gamma')).toBe(true)

    const byStatus = await allPages(list, { sort: 'status' }, 80)
    const rank = { todo: 0, in_progress: 1, done: 2 }
    expect(byStatus.map((d) => rank[d.status])).toEqual(byStatus.map((d) => rank[d.status]).sort())
    // Within a status, import order.
    const dones = byStatus.filter((d) => d.status === 'done').map((d) => d.id)
    expect(dones).toEqual(ids.filter((_, i) => i % 5 === 0))

    // Read run by run from indexes (no filter): the same order as sorting every row, both ways, across page edges.
    const everyRow = await allPages(list, {}, 100)
    for (const dir of ['asc', 'desc'] as const) {
      const want = [...everyRow].sort((a, b) => (rank[a.status] - rank[b.status] || a.id - b.id) * (dir === 'asc' ? 1 : -1)).map((d) => d.id)
      for (const size of [1, 37, 250]) expect((await allPages(list, { sort: 'status', dir }, size)).map((d) => d.id), `${dir} ${size}`).toEqual(want)
      expect((await list({ sort: 'status', dir, offset: 200, limit: 7 })).map((d) => d.id)).toEqual(want.slice(200, 207))
    }

    const bySpans = await allPages(list, { sort: 'spans', dir: 'desc' }, 100)
    const spanCounts = bySpans.map((d) => d.spanCount)
    expect(spanCounts).toEqual([...spanCounts].sort((a, b) => b - a))
    expect(spanCounts[0]).toBe(3)
    for (const d of bySpans.slice(0, 20)) expect(d.spanCount).toBe(store.spans.layer(d.id, store.annotators.byName('alice')!.id).length)

    const byLength = await allPages(list, { sort: 'length' }, 100)
    expect(byLength.map((d) => d.length)).toEqual(byLength.map((d) => d.length).sort((a, b) => a - b))
    expect(byLength[0].length).toBe(store.documents.byId(byLength[0].id)!.text.length)

    // Updated: the annotator's last status change, most recent first; never-touched documents last.
    const alice = store.annotators.byName('alice')!.id
    store.db.prepare('UPDATE document_status SET updated_at = ? WHERE document_id = ? AND annotator_id = ?').run('2030-01-01T00:00:00.000Z', ids[14], alice)
    const byUpdated = await allPages(list, { sort: 'updated', dir: 'desc' }, 100)
    expect(byUpdated[0].id).toBe(ids[14])
    const stamps = byUpdated.map((d) => d.updatedAt ?? '')
    expect(stamps).toEqual([...stamps].sort().reverse())
    expect(byUpdated.at(-1)!.updatedAt).toBeNull()

    const byLayers = await list({ sort: 'layers', dir: 'desc', limit: 30 })
    expect(byLayers[0].layerCount).toBe(2)
    expect(byLayers.at(-1)!.layerCount).toBeLessThanOrEqual(byLayers[0].layerCount)
  })

  it('counts per status come from SQL and agree with the rows, with and without other filters', async () => {
    const { list, counts } = corpus()
    const c = await counts()
    const want = { todo: 0, in_progress: 0, done: 0 }
    for (let i = 0; i < N; i++) want[expectedStatus(i)]++
    expect(c).toEqual({ total: N, byStatus: want })
    for (const s of ['todo', 'in_progress', 'done'] as const) expect(await allPages(list, { status: s }, 100)).toHaveLength(want[s])
    // With a label filter the counts are of that subset, still per status.
    const person = await counts({ label: 'PERSON' })
    const personRows = await allPages(list, { label: 'PERSON' }, 100)
    expect(person.total).toBe(personRows.length)
    expect(person.byStatus.done).toBe(personRows.filter((d) => d.status === 'done').length)
    expect(person.byStatus.todo + person.byStatus.in_progress + person.byStatus.done).toBe(person.total)
    // An annotator who never opened anything: everything todo.
    expect(await counts({ annotator: 'nobody-yet' })).toEqual({ total: N, byStatus: { todo: N, in_progress: 0, done: 0 } })
  })

  it('counts for a search agree with its rows, alone (read from the index) and with another filter', async () => {
    const { list, counts } = corpus()
    for (const extra of [{}, { label: 'PERSON' }, { layerOf: 'bob' }]) {
      const c = await counts({ query: 'word', ...extra })
      const rows = await allPages(list, { query: 'word', ...extra }, 100)
      expect(rows.length).toBeGreaterThan(5)
      expect(c.total).toBe(rows.length)
      for (const s of ['todo', 'in_progress', 'done'] as const) expect(c.byStatus[s], s).toBe(rows.filter((d) => d.status === s).length)
    }
    expect((await counts({ query: 'word' })).byStatus.done).toBeGreaterThan(0)
    // Every row of a search page carries its marked snippet, in corpus order (one range of the index) and sorted otherwise (a seek per row).
    for (const sort of ['imported', 'title', 'relevance']) {
      const page = await list({ query: 'word', sort, limit: 40 })
      expect(page).toHaveLength(40)
      for (const d of page) expect(d.match?.text, `${sort} ${d.externalId}`).toMatch(/\u0002word\u0003/u)
    }
    expect(await counts({ query: '"' })).toEqual({ total: 0, byStatus: { todo: 0, in_progress: 0, done: 0 } })
  })

  it('composes status, label, layer-of, review state and reviewable filters in SQL', async () => {
    const { list, store, ids, span } = corpus()
    const all = (a: Record<string, unknown>) => allPages(list, a, 100)
    const doneWithOrg = await all({ status: 'done', label: 'ORG' })
    for (const d of doneWithOrg) expect(d.status).toBe('done')
    // alice's ORG spans: on every 3rd document with at least 2 spans (j = 1); done: every 5th, so every 15th with (i/3)%4 >= 2.
    const want = ids.filter((_, i) => i % 15 === 0 && (i / 3) % 4 >= 2)
    expect(doneWithOrg.map((d) => d.id)).toEqual(want)

    const bobs = await all({ layerOf: 'bob' })
    expect(bobs.map((d) => d.id)).toEqual(ids.filter((_, i) => i % 10 === 0))
    expect(await all({ layerOf: 'never-seen' })).toEqual([])
    // bob's documents where alice also has a layer: something to compare.
    const reviewable = await all({ reviewable: true })
    const aliceLayer = (i: number) => i % 3 === 0 || i % 5 === 0 || i % 7 === 0
    expect(reviewable.map((d) => d.id)).toEqual(ids.filter((_, i) => i % 10 === 0 && aliceLayer(i)))
    for (const d of reviewable) expect(d.layerCount).toBe(2)

    // A gold layer begun makes a one-layer document reviewable too; review state filters compose.
    const lone = ids[1] // i = 1: neither alice nor bob has a layer
    span(lone, 'gold', 'PERSON')
    store.gold.setStatus(lone, 'in_review', 'rita')
    const inReview = await all({ reviewStatus: 'in_review' })
    expect(inReview.map((d) => d.id)).toEqual([lone])
    expect(inReview[0]).toMatchObject({ hasGold: true, layerCount: 0, reviewStatus: 'in_review' })
    expect((await all({ reviewable: true })).map((d) => d.id)).toContain(lone)
    expect((await all({ reviewStatus: 'unreviewed' })).length).toBe(N - 1)
    expect(await all({ reviewStatus: 'in_review', status: 'done' })).toEqual([])
  })

  it('answers next and previous in corpus order in one query, skipping done documents and wrapping around', async () => {
    const { call, ids } = corpus()
    const next = (documentId: number, extra: Record<string, unknown> = {}) => call<{ id: number } | null>('documents.next', { annotator: 'alice', documentId, ...extra })
    expect((await next(ids[0]))!.id).toBe(ids[1])
    expect((await next(ids[4], { notDone: true }))!.id).toBe(ids[6]) // ids[5] is done
    expect((await next(ids[N - 1], { notDone: true }))!.id).toBe(ids[1]) // wraps; ids[0] is done
    expect((await next(ids[0], { direction: 'previous' }))!.id).toBe(ids[N - 1])
    expect((await next(ids[6], { direction: 'previous', notDone: true }))!.id).toBe(ids[4])
    const status = await call<{ status: string }>('documents.status', { annotator: 'alice', documentId: ids[5] })
    expect(status.status).toBe('done')
    expect((await call<{ status: string }>('documents.status', { annotator: 'zed', documentId: ids[5] })).status).toBe('todo')
  })

  it('refuses pages over the limit, negative offsets, unknown sorts and relevance without a query', async () => {
    const { h } = corpus()
    for (const args of [{ limit: 501 }, { limit: 0 }, { offset: -1 }, { sort: 'random' }, { dir: 'up' }, { reviewStatus: 'maybe' }, { extra: 1 }]) {
      const r = await dispatch(h, 'documents.list', { annotator: 'alice', ...args })
      expect(r.ok, JSON.stringify(args)).toBe(false)
      if (!r.ok) expect(r.error.code).toBe('bad_request')
    }
    const r = await dispatch(h, 'documents.next', { annotator: 'alice', documentId: 999999 })
    expect(!r.ok && r.error.code).toBe('not_found')
    // relevance without a query is corpus order, not an error
    const rel = await dispatch(h, 'documents.list', { annotator: 'alice', sort: 'relevance', limit: 2 })
    expect(rel.ok).toBe(true)
  })
})
