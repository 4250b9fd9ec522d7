import { AppError } from '../../../shared/api/errors'
import { GOLD_ANNOTATOR } from '../../../shared/domain/model'
import type { Suggestion } from '../../../shared/recommend/recommender'
import { recommenderName } from '../../../shared/recommend/settings'
import type { RecommenderConfig } from '../../../shared/recommend/settings'
import type { Store } from '../../store/store'
import { buildRecommender } from './buildRecommenders'
import type { AnyRecommender } from './buildRecommenders'
import { addDropped, noneDropped } from './dropped'
import { nextTurn } from './recommendRuns'
import type { Dropped } from './dropped'
import type { RecommenderProblem, SuggestionRow, SuggestReport } from '../../../shared/recommend/report'

export type { RecommenderProblem, SuggestionRow, SuggestReport }

export interface SuggestRequest {
  annotator: string
  /** Default: every document. */
  documentIds?: number[]
  /** Only suggestions overlapping [from, to) (UTF-16): the part of a long document on screen. */
  range?: { from: number; to: number }
  /** Default: the workspace's enabled recommenders. */
  recommenders?: RecommenderConfig[]
  /** A cancel: a model server's request is aborted, and no further document is asked about. */
  signal?: AbortSignal
  /** Documents done of total, after each document. */
  onProgress?: (done: number, total: number) => void
}

/** What a cancelled request answers: how far it got; nothing is stored by asking for suggestions. */
function cancelled(done: number, total: number): AppError {
  return new AppError('cancelled', `suggestions cancelled after ${done} of ${total} ${total === 1 ? 'document' : 'documents'}; nothing was changed`, { done, total })
}

/** The recommenders a request uses: given ones, else the workspace's enabled ones, less those under the F1 threshold. */
export function chosenRecommenders(store: Store, given?: RecommenderConfig[]): { configs: RecommenderConfig[]; belowThreshold: string[] } {
  if (given?.length) return { configs: given, belowThreshold: [] }
  const rs = store.recommend
  const settings = rs.settings()
  const scores = rs.scores()
  const belowThreshold: string[] = []
  const configs = settings.recommenders.filter((c) => {
    if (!c.enabled) return false
    const f1 = scores[recommenderName(c)]?.overall.f1
    if (settings.threshold > 0 && f1 !== undefined && f1 < settings.threshold) {
      belowThreshold.push(recommenderName(c))
      return false
    }
    return true
  })
  return { configs, belowThreshold }
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e))

/**
 * Suggestions for documents of an annotator: each recommender is asked per
 * document; what the layer already has (overlapping spans) and what this
 * annotator rejected there are never offered. One recommender failing (a
 * server down) is reported and the others still answer. The same span with the
 * same label from two recommenders is offered once, with the higher score.
 * Between documents the event loop is free (a cancel is heard there), and
 * `signal` aborts a model server's request as it waits.
 */
export async function suggest(store: Store, req: SuggestRequest): Promise<SuggestReport> {
  const rs = store.recommend
  const { configs, belowThreshold } = chosenRecommenders(store, req.recommenders)
  const problems: RecommenderProblem[] = []
  const recommenders: AnyRecommender[] = []
  for (const c of configs) {
    try {
      recommenders.push(await buildRecommender(store, c, req.annotator))
    } catch (e) {
      problems.push({ recommender: recommenderName(c), message: message(e) })
    }
  }
  const annotator = store.annotators.byName(req.annotator)
  const ids = req.documentIds ?? rs.documentIds()
  const dropped: Record<string, Dropped> = {}
  const failed = new Set<string>()
  const out: SuggestionRow[] = []
  let done = 0
  req.onProgress?.(0, ids.length)
  for (const id of ids) {
    if (req.signal?.aborted) throw cancelled(done, ids.length)
    const doc = store.documents.byId(id)
    if (!doc) throw new AppError('not_found', `no document with id ${id}`)
    const spans = annotator ? rs.extents(id, annotator.id) : []
    const range = req.range
    const rejected = new Set(annotator ? rs.rejections(id, annotator.id).map((r) => `${r.start}:${r.end}:${r.label}`) : [])
    const best = new Map<string, SuggestionRow>()
    for (const r of recommenders) {
      if (failed.has(r.name)) continue
      let got: Suggestion[]
      try {
        req.signal?.throwIfAborted()
        got = await r.suggest({ id, text: doc.text, spans, range }, req.signal)
      } catch (e) {
        if (req.signal?.aborted) throw cancelled(done, ids.length)
        // A server that failed once is not asked again for the next documents of this request.
        failed.add(r.name)
        problems.push({ recommender: r.name, message: message(e) })
        continue
      }
      if ('dropped' in r && r.dropped) addDropped((dropped[r.name] ??= noneDropped()), r.dropped as Dropped)
      const version = 'version' in r ? (r.version ?? null) : null
      for (const s of got) {
        if (range && (s.end <= range.from || s.start >= range.to)) continue
        const key = `${s.start}:${s.end}:${s.label}`
        if (rejected.has(key)) continue
        const prev = best.get(key)
        if (prev && prev.score >= s.score) continue
        best.set(key, { documentId: id, start: s.start, end: s.end, label: s.label, text: doc.text.slice(s.start, s.end), recommender: s.recommender, score: s.score, version })
      }
    }
    out.push(...[...best.values()].sort((a, b) => a.start - b.start || a.end - b.end || a.label.localeCompare(b.label)))
    req.onProgress?.(++done, ids.length)
    if (done < ids.length) await nextTurn()
  }
  return { suggestions: out, problems, dropped, belowThreshold }
}

/** Remembers a rejected suggestion for this document and annotator; it is not offered again. */
export function reject(store: Store, r: { documentId: number; annotator: string; start: number; end: number; label: string; recommender: string }): void {
  if (r.annotator === GOLD_ANNOTATOR) throw new AppError('bad_request', 'suggestions are for annotators; the gold layer is made in review')
  store.transaction(() => {
    if (!store.documents.byId(r.documentId)) throw new AppError('not_found', `no document with id ${r.documentId}`)
    const a = store.annotators.ensure(r.annotator)
    store.recommend.reject(r.documentId, a.id, r)
  })
}
