import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { Reply } from '../../../../../src/shared/api/errors'
import type { RecommendCancel } from '../../../../../src/shared/api/methods/recommend'
import type { EvaluationReport, SuggestReport } from '../../../../../src/shared/recommend/report'
import type { Evaluation } from '../../../../../src/shared/recommend/recommender'
import type { RecommenderSettings } from '../../../../../src/shared/recommend/settings'
import { createSpan } from '../../../../../src/main/services/annotate/annotationService'
import { openStore } from '../../../../../src/main/store/store'
import { ApiWorkerHost } from '../../../../../src/main/worker/apiWorkerHost'
import { slowModelServer } from '../../../../helpers/slowModelServer'
import { snapshotStore } from '../../../../helpers/storeSnapshot'
import { tempStore } from '../../../../helpers/tempWorkspace'

/**
 * Suggestion and evaluation runs stopped in the middle, through the API worker
 * as the app calls it: a model server that never finishes its reply (it
 * trickles whitespace for ever) is let go at once, local recommenders stop
 * between documents, the worker answers other calls meanwhile, and nothing
 * stored changes. "Mid-way" is shown by counts, never by timing.
 */

const TEXT = 'Kerry met Michel in Brussels. '
const BRUSSELS = { start: TEXT.indexOf('Brussels'), end: TEXT.indexOf('Brussels') + 8 }
const PREDICTION = { results: [{ result: [{ type: 'labels', value: { ...BRUSSELS, text: 'Brussels', labels: ['GPE'] } }], score: 0.8 }], model_version: 'slow-1' }

const hosts: ApiWorkerHost[] = []
afterEach(async () => {
  await Promise.all(hosts.splice(0).map((h) => h.close()))
})

function value<T>(r: Reply<unknown>): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`)
  return r.value as T
}

/** A workspace of `n` documents, each with alice's GPE span on Brussels and marked done by her; then closed. */
function workspace(n: number, settings: (dir: string) => RecommenderSettings): { file: string; dir: string; ids: number[] } {
  const { store, file, dir } = tempStore()
  const ids: number[] = []
  store.transaction(() => {
    for (let i = 0; i < n; i++) ids.push(store.documents.insert({ externalId: `d${i}`, title: `d${i}`, text: TEXT, meta: {} }))
  })
  for (const id of ids) createSpan(store, { documentId: id, annotator: 'alice', label: 'GPE', ...BRUSSELS })
  const alice = store.annotators.byName('alice')!
  store.transaction(() => {
    for (const id of ids) store.documents.setStatus(id, alice.id, 'done')
    store.recommend.setSettings(settings(dir))
  })
  store.close()
  return { file, dir, ids }
}

async function startHost(file: string): Promise<ApiWorkerHost> {
  const host = new ApiWorkerHost({ file, version: 'test', transport: 'http', openOptions: { rollingBackups: false } })
  hosts.push(host)
  await host.start()
  return host
}

async function closeHost(host: ApiWorkerHost): Promise<void> {
  hosts.splice(hosts.indexOf(host), 1)
  await host.close()
}

/** Every row of the workspace, read beside the host (no lock: the host holds it; reads only). */
function snapshot(file: string) {
  const store = openStore(file, { lock: false, rollingBackups: false })
  try {
    return snapshotStore(store)
  } finally {
    store.close()
  }
}

const lsBackend = (url: string, timeoutMs = 600_000): RecommenderSettings => ({ recommenders: [{ kind: 'ls-backend', enabled: true, url, timeoutMs }], threshold: 0 })
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms))
async function until(ok: () => boolean): Promise<void> {
  while (!ok()) await pause(5)
}

describe('suggestion runs can be cancelled mid-way (API worker)', () => {
  it('a model server that never finishes its reply: cancel aborts the request, the call answers `cancelled`, the worker answers meanwhile, nothing stored changes', async () => {
    let hang = true
    const server = await slowModelServer(() => (hang ? 'trickle' : { answer: PREDICTION }))
    const { file, ids } = workspace(1, () => lsBackend(server.url))
    const before = snapshot(file)
    const host = await startHost(file)
    const args = { documentId: ids[0], annotator: 'alice', runId: 'suggest-run-1' }
    const pending = host.call('recommend.suggestions', args)
    await until(() => server.open() === 1)
    // The worker is not held by the request it waits on: other calls are answered, and a second run with the same id is refused.
    expect(value<{ version: string }>(await host.call('app.info', {})).version).toBe('test')
    expect(await host.call('recommend.suggestions', args)).toMatchObject({ ok: false, error: { code: 'conflict' } })
    expect(value<RecommendCancel>(await host.call('recommend.cancel', { runId: 'suggest-run-1' }))).toEqual({ cancelled: true, done: 0, total: 1 })
    const reply = await pending
    expect(reply).toMatchObject({ ok: false, error: { code: 'cancelled', message: 'suggestions cancelled after 0 of 1 document; nothing was changed', details: { done: 0, total: 1 } } })
    // The client let go of the connection (the server would otherwise trickle for ever).
    await server.allClosed()
    expect(value<RecommendCancel>(await host.call('recommend.cancel', { runId: 'suggest-run-1' }))).toEqual({ cancelled: false, done: 0, total: null })
    // The same id runs again once the first is over, to its end.
    hang = false
    const again = value<SuggestReport>(await host.call('recommend.suggestions', args))
    expect(again.problems).toEqual([])
    expect(again.suggestions.map((x) => [x.text, x.label, x.recommender, x.version])).toEqual([['Brussels', 'GPE', `ls-backend:${server.url}`, 'slow-1']])
    await closeHost(host)
    expect(snapshot(file)).toEqual(before)
  }, 60_000)

  it('evaluation over 6 done documents, the server hanging on the 4th: cancelled after exactly 3 of 6 steps, and the scores saved before stay as they were', async () => {
    let hangAt = Infinity
    const server = await slowModelServer((n) => (n === hangAt ? 'trickle' : { answer: PREDICTION }))
    const { file } = workspace(6, () => lsBackend(server.url))
    const host = await startHost(file)
    const name = `ls-backend:${server.url}`
    // A whole run first: its scores are saved.
    const first = value<EvaluationReport>(await host.call('recommend.evaluate', { annotator: 'alice', runId: 'evaluate-run-1' }))
    expect(first.problems).toEqual([])
    expect(first.evaluations.map((e) => [e.recommender, e.documents, e.overall.tp])).toEqual([[name, 6, 6]])
    const saved = value<{ scores: Record<string, Evaluation> }>(await host.call('recommend.settings.get', {})).scores
    expect(saved[name].overall.tp).toBe(6)
    const beforeCancel = snapshot(file)

    hangAt = server.predicts() + 4
    const pending = host.call('recommend.evaluate', { annotator: 'alice', runId: 'evaluate-run-2' })
    await until(() => server.open() === 1)
    expect(server.predicts()).toBe(hangAt)
    expect(value<RecommendCancel>(await host.call('recommend.cancel', { runId: 'evaluate-run-2' }))).toEqual({ cancelled: true, done: 3, total: 6 })
    expect(await pending).toMatchObject({
      ok: false,
      error: { code: 'cancelled', message: expect.stringMatching(/^evaluation cancelled after 3 of 6 steps .*the saved scores were not changed$/), details: { done: 3, total: 6 } },
    })
    await server.allClosed()
    expect(value<{ scores: Record<string, Evaluation> }>(await host.call('recommend.settings.get', {})).scores).toEqual(saved)
    expect(snapshot(file)).toEqual(beforeCancel)
    // The next run is whole again (the server no longer hangs) and saves.
    const third = value<EvaluationReport>(await host.call('recommend.evaluate', { annotator: 'alice' }))
    expect(third.evaluations[0].documents).toBe(6)
    expect(server.predicts()).toBe(hangAt + 6)
  }, 60_000)

  it('local recommenders stop between documents: a pattern evaluation over 2,000 done documents is cancelled part-way, pings answered meanwhile, scores unchanged', async () => {
    const { file, dir } = workspace(2000, (d) => {
      const patterns = path.join(d, 'rules.jsonl')
      fs.writeFileSync(patterns, '{"label":"GPE","pattern":"Brussels"}\n{"label":"PERSON","pattern":[{"IS_TITLE":true},{"IS_TITLE":true,"OP":"?"}]}\n')
      return { recommenders: [{ kind: 'patterns', enabled: true, file: patterns }], threshold: 0 }
    })
    expect(fs.existsSync(path.join(dir, 'rules.jsonl'))).toBe(true)
    const before = snapshot(file)
    const host = await startHost(file)
    const pending = host.call('recommend.evaluate', { annotator: 'alice', runId: 'evaluate-local-1' })
    // Each of these is answered between two documents of the run (the worker yields after each).
    for (let i = 0; i < 3; i++) expect(value<{ version: string }>(await host.call('app.info', {})).version).toBe('test')
    const asked = value<RecommendCancel>(await host.call('recommend.cancel', { runId: 'evaluate-local-1' }))
    expect(asked.cancelled).toBe(true)
    expect(asked.total).toBe(2000)
    expect(asked.done).toBeGreaterThan(0)
    const reply = await pending
    expect(reply).toMatchObject({ ok: false, error: { code: 'cancelled' } })
    const stopped = (reply as { error: { details: { done: number; total: number } } }).error.details
    expect(stopped.done).toBeGreaterThanOrEqual(asked.done)
    expect(stopped.done).toBeLessThan(2000)
    await closeHost(host)
    expect(snapshot(file)).toEqual(before)
  }, 120_000)

  it('a server that trickles its reply for ever is let go at its timeout: the run names it and the other recommenders still answer', async () => {
    const server = await slowModelServer(() => 'trickle')
    const { file, ids } = workspace(2, () => ({
      recommenders: [
        { kind: 'string-matcher', enabled: true },
        { kind: 'ls-backend', enabled: true, url: server.url, timeoutMs: 300 },
      ],
      threshold: 0,
    }))
    const host = await startHost(file)
    // A document where alice has no span yet: the string matcher (learned from the other) suggests Brussels there.
    value(await host.call('spans.delete', { id: value<{ spans: { id: number }[] }>(await host.call('annotations.get', { documentId: ids[1], annotator: 'alice' })).spans[0].id }))
    const r = value<SuggestReport>(await host.call('recommend.suggestions', { documentId: ids[1], annotator: 'alice', runId: 'suggest-timeout-1' }))
    expect(r.problems).toEqual([{ recommender: `ls-backend:${server.url}`, message: `${server.url}/predict did not answer within 0.3 s; is the model server busy or stuck?` }])
    expect(r.suggestions.map((s) => [s.text, s.label, s.recommender])).toEqual([['Brussels', 'GPE', 'string-matcher']])
    await server.allClosed()
  }, 60_000)
})
