import { describe, expect, it } from 'vitest'
import { dispatch } from '../../../../src/main/api/dispatch'
import { createHandlers } from '../../../../src/main/api/handlerTable'
import { ReplayGuard, isRequestId } from '../../../../src/main/api/replayGuard'
import type { Reply } from '../../../../src/shared/api/errors'
import { tempStore } from '../../../helpers/tempWorkspace'

/** A stand-in for dispatch's handler run: counts its runs and answers what it is told. */
function counter(answers: Reply<unknown>[]) {
  let runs = 0
  const exec = async (): Promise<Reply<unknown>> => answers[Math.min(runs++, answers.length - 1)]
  return { exec, runs: () => runs }
}

const ok = (value: unknown): Reply<unknown> => ({ ok: true, value })
const failed: Reply<unknown> = { ok: false, error: { code: 'unavailable', message: 'disk full' } }

describe('ReplayGuard', () => {
  it('answers a repeated id with the first reply, running the call once', async () => {
    const guard = new ReplayGuard()
    const c = counter([ok({ id: 1 }), ok({ id: 2 })])
    const first = await guard.run('req-00000001', 'spans.create', c.exec)
    const again = await guard.run('req-00000001', 'spans.create', c.exec)
    expect(again).toEqual(first)
    expect(first).toEqual(ok({ id: 1 }))
    expect(c.runs()).toBe(1)
    // Another id runs again.
    expect(await guard.run('req-00000002', 'spans.create', c.exec)).toEqual(ok({ id: 2 }))
    expect(c.runs()).toBe(2)
  })

  it('does not record failures: the retry runs for real', async () => {
    const guard = new ReplayGuard()
    const c = counter([failed, ok('saved')])
    expect(await guard.run('req-00000001', 'spans.create', c.exec)).toEqual(failed)
    expect(guard.size).toBe(0)
    expect(await guard.run('req-00000001', 'spans.create', c.exec)).toEqual(ok('saved'))
    expect(await guard.run('req-00000001', 'spans.create', c.exec)).toEqual(ok('saved'))
    expect(c.runs()).toBe(2)
  })

  it('makes a repeat that arrives while the first is running wait for it', async () => {
    const guard = new ReplayGuard()
    let release!: (r: Reply<unknown>) => void
    let runs = 0
    const exec = () => {
      runs++
      return new Promise<Reply<unknown>>((r) => (release = r))
    }
    const a = guard.run('req-00000001', 'history.undo', exec)
    const b = guard.run('req-00000001', 'history.undo', exec)
    release(ok('undone'))
    expect(await a).toEqual(ok('undone'))
    expect(await b).toEqual(ok('undone'))
    expect(runs).toBe(1)
  })

  it('refuses an id reused for another method', async () => {
    const guard = new ReplayGuard()
    const c = counter([ok(1)])
    await guard.run('req-00000001', 'spans.create', c.exec)
    const other = await guard.run('req-00000001', 'spans.delete', c.exec)
    expect(other).toMatchObject({ ok: false, error: { code: 'conflict' } })
    expect(c.runs()).toBe(1)
  })

  it('remembers at most maxEntries ids, forgetting the oldest', async () => {
    const guard = new ReplayGuard({ maxEntries: 3 })
    const c = counter([ok('x')])
    for (let i = 0; i < 5; i++) await guard.run(`req-0000000${i}`, 'm', c.exec)
    expect(guard.size).toBe(3)
    expect(c.runs()).toBe(5)
    await guard.run('req-00000004', 'm', c.exec) // still remembered
    expect(c.runs()).toBe(5)
    await guard.run('req-00000000', 'm', c.exec) // forgotten: runs again
    expect(c.runs()).toBe(6)
  })

  it('forgets ids older than maxAgeMs', async () => {
    let now = 1_000
    const guard = new ReplayGuard({ maxAgeMs: 60_000, now: () => now })
    const c = counter([ok('x')])
    await guard.run('req-00000001', 'm', c.exec)
    now += 30_000
    await guard.run('req-00000002', 'm', c.exec)
    now += 40_000 // the first is 70 s old, the second 40 s
    expect(guard.size).toBe(1)
    await guard.run('req-00000002', 'm', c.exec)
    expect(c.runs()).toBe(2)
    await guard.run('req-00000001', 'm', c.exec)
    expect(c.runs()).toBe(3)
  })

  it('accepts 8 to 64 characters of letters, digits and hyphens as an id', () => {
    expect(isRequestId(crypto.randomUUID())).toBe(true)
    expect(isRequestId('a'.repeat(8))).toBe(true)
    expect(isRequestId('a'.repeat(64))).toBe(true)
    for (const bad of ['a'.repeat(7), 'a'.repeat(65), 'abc def gh', 'abcdefgh/', 'ä'.repeat(8), 42, null]) expect(isRequestId(bad)).toBe(false)
  })
})

describe('dispatch with a request id', () => {
  const { store } = tempStore()
  const h = createHandlers({ store, version: 't', transport: 'ipc' })
  const documentId = store.documents.insert({ externalId: 'd1', title: 'D', text: 'Kerry met Michel in Brussels.', meta: {} })
  const create = { documentId, annotator: 'alice', label: 'PERSON', start: 0, end: 5 }
  const spanCount = () => store.spans.layer(documentId, store.annotators.byName('alice')!.id).length

  it('applies a retried create once; without an id, calls behave as before', async () => {
    const id = crypto.randomUUID()
    const a = await dispatch(h, 'spans.create', create, id)
    const b = await dispatch(h, 'spans.create', create, id)
    expect(a.ok).toBe(true)
    expect(b).toEqual(a)
    expect(spanCount()).toBe(1)
    // Without an id every call runs, as before.
    const c = await dispatch(h, 'spans.create', { ...create, start: 10, end: 16 })
    expect(c.ok).toBe(true)
    expect(spanCount()).toBe(2)
  })

  it('refuses a malformed id without running the call', async () => {
    const before = spanCount()
    const r = await dispatch(h, 'spans.create', { ...create, start: 20, end: 28 }, 'bad id!')
    expect(r).toMatchObject({ ok: false, error: { code: 'bad_request' } })
    expect(spanCount()).toBe(before)
  })
})
