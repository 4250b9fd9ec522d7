import { useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react'
import type { RefObject } from 'react'
import type { DocumentRecord, Span } from '../../../shared/domain/model'
import type { SuggestReport, SuggestionRow } from '../../../shared/recommend/report'
import { ApiCallError, call, newRequestId } from '../../api/client'
import type { EditorHandle } from '../../editor/editorTypes'
import { bestSuggestions, nextArea, offeredSuggestions, stepSuggestion, suggestionAt, suggestionKey } from './suggestionList'

/** After a span is made or deleted, ask again once the keys have been quiet this long. */
const REFRESH_DELAY_MS = 300
/** Above this many characters, suggestions are asked for around the screen only (a 100k-word document can have 50k). */
export const WHOLE_DOCUMENT_MAX = 200_000
/** How far around the screen they are asked for then; the area moves once the screen nears its edge. */
const AREA_MARGIN = 40_000
/** A request still unanswered after this long (a slow model server) shows "Asking the recommenders…" with Cancel. */
const SLOW_MS = 800

interface Layer {
  /** The saved spans: a new array after every saved change (create, delete, relabel, undo). */
  spans: Span[]
  /** Every span as painted, pending ones too, in text order. */
  shown: Span[]
  addSpans: (items: { start: number; end: number; label: string }[], onTemp?: (ids: number[]) => void, save?: (requestId: string) => Promise<Span[]>, name?: string) => Promise<Span[] | null>
}

/**
 * The recommenders' suggestions for one document of one annotator. They are
 * asked for off the typing path: once the document is open and again shortly
 * after each saved change of the layer, and a reply that a newer request has
 * overtaken is dropped. Accepting saves through the layer's edit queue (painted
 * at once, one undo); rejecting hides the suggestion at once and tells the server,
 * which never offers it again. Each request is a run the server can stop: an
 * overtaken one (or the document closed) is cancelled, and a slow one can be.
 */
export function useSuggestions(doc: DocumentRecord | null, annotator: string, layer: Layer, handle: RefObject<EditorHandle | null>, flash: (kind: 'error' | 'info', text: string) => void, deselectSpan: () => void) {
  const [report, setReport] = useState<SuggestReport | null>(null)
  const [failure, setFailure] = useState<string | null>(null)
  const [hidden, setHidden] = useState<ReadonlySet<string>>(new Set())
  const [focusedKey, setFocusedKey] = useState<string | null>(null)
  /** The run of a request still unanswered after a moment (its id cancels it), and whether the last one was cancelled. */
  const [asking, setAsking] = useState<string | null>(null)
  const [stopped, setStopped] = useState(false)
  const asked = useRef(0)
  const docId = doc?.id
  const text = doc?.text ?? ''
  const big = text.length > WHOLE_DOCUMENT_MAX
  // The area asked about in a big document (null: not known yet, or the whole document).
  const [area, setArea] = useState<{ from: number; to: number } | null>(null)
  const textLength = text.length
  const onWindow = useCallback(
    (from: number, to: number) => {
      if (!big) return
      setArea((a) => nextArea(a, from, to, textLength, AREA_MARGIN))
    },
    [big, textLength],
  )

  useEffect(() => {
    if (docId === undefined || (big && !area)) return
    const request = ++asked.current
    const runId = newRequestId()
    let pending = false
    const timer = window.setTimeout(() => {
      pending = true
      const slow = window.setTimeout(() => request === asked.current && setAsking(runId), SLOW_MS)
      call('recommend.suggestions', { documentId: docId, annotator, runId, ...(big && area ? { range: area } : {}) })
        .then(
          (r) => {
            if (request !== asked.current) return
            setReport(r)
            setFailure(null)
            setStopped(false)
          },
          (e: Error) => {
            if (request !== asked.current) return
            const cancelled = e instanceof ApiCallError && e.error.code === 'cancelled'
            setStopped(cancelled)
            if (!cancelled) setFailure(e.message)
          },
        )
        .finally(() => {
          pending = false
          window.clearTimeout(slow)
          if (request === asked.current) setAsking(null)
        })
    }, REFRESH_DELAY_MS)
    return () => {
      window.clearTimeout(timer)
      // Overtaken by a newer request, or the document closed: a slow model server is not left answering it.
      if (pending) void call('recommend.cancel', { runId }).catch(() => undefined)
      setAsking((a) => (a === runId ? null : a))
    }
  }, [docId, annotator, layer.spans, big, area])

  /** Stops the request a slow recommender holds up (the Cancel beside "Asking the recommenders…"). */
  const cancelAsking = useCallback(() => {
    if (asking) void call('recommend.cancel', { runId: asking }).catch(() => undefined)
  }, [asking])

  const best = useMemo(() => bestSuggestions(report?.suggestions ?? []), [report])
  // Filtered against the layer in a deferred render: a hotkey paints its new span first, the suggestions follow.
  const shownLater = useDeferredValue(layer.shown)
  const offered = useMemo(() => offeredSuggestions(best, shownLater, hidden), [best, shownLater, hidden])
  const focusedIndex = useMemo(() => {
    if (focusedKey === null) return null
    const i = offered.findIndex((s) => suggestionKey(s) === focusedKey)
    return i < 0 ? null : i
  }, [offered, focusedKey])
  const latest = useRef({ offered, focusedIndex })
  latest.current = { offered, focusedIndex }
  const latestShown = useRef(layer.shown)
  latestShown.current = layer.shown
  const latestHidden = useRef(hidden)
  latestHidden.current = hidden

  const focus = useCallback(
    (i: number | null) => {
      const s = i === null ? undefined : latest.current.offered[i]
      setFocusedKey(s ? suggestionKey(s) : null)
      if (!s) return
      deselectSpan()
      window.getSelection()?.removeAllRanges()
      handle.current?.scrollToOffset(s.start)
    },
    [handle, deselectSpan],
  )

  /** The suggestion the keys act on: the focused one, else the one under the caret. */
  const target = useCallback((): number | null => latest.current.focusedIndex ?? suggestionAt(latest.current.offered, handle.current?.caretOffset() ?? null), [handle])

  /** After acting on suggestion i, the focus moves to the one after it (which takes its index once it is gone). */
  const focusAfter = useCallback((i: number) => {
    const { offered, focusedIndex } = latest.current
    const next = focusedIndex !== null ? offered[i + 1] : undefined
    setFocusedKey(next ? suggestionKey(next) : null)
  }, [])

  const save = useCallback(
    (items: SuggestionRow[], as?: string) => (requestId: string) =>
      call(
        'recommend.accept',
        {
          documentId: docId!,
          annotator,
          suggestions: items.map((s) => ({ start: s.start, end: s.end, label: as ?? s.label, recommender: s.recommender, score: s.score, version: s.version })),
        },
        { requestId },
      ),
    [docId, annotator],
  )

  const accept = useCallback(
    (label?: string): boolean => {
      const i = target()
      if (i === null || docId === undefined) return false
      const s = latest.current.offered[i]
      const as = label ?? s.label
      focusAfter(i)
      const what = `The suggestion ${as} “${text.slice(s.start, s.end)}”`
      void layer.addSpans([{ start: s.start, end: s.end, label: as }], undefined, save([s], as), what)
      return true
    },
    [target, focusAfter, docId, text, layer, save],
  )

  const reject = useCallback((): boolean => {
    const i = target()
    if (i === null || docId === undefined) return false
    const s = latest.current.offered[i]
    const key = suggestionKey(s)
    focusAfter(i)
    setHidden((h) => new Set(h).add(key))
    call('recommend.reject', { documentId: docId, annotator, start: s.start, end: s.end, label: s.label, recommender: s.recommender }).catch((e: Error) => {
      setHidden((h) => {
        const n = new Set(h)
        n.delete(key)
        return n
      })
      flash('error', `The suggestion ${s.label} “${text.slice(s.start, s.end)}” was not rejected: ${e.message}`)
    })
    return true
  }, [target, focusAfter, docId, annotator, text, flash])

  const step = useCallback(
    (dir: 1 | -1): boolean => {
      const { offered, focusedIndex } = latest.current
      const i = stepSuggestion(offered, focusedIndex, focusedIndex === null ? (handle.current?.caretOffset() ?? null) : null, dir)
      if (i === null) return false
      focus(i)
      return true
    },
    [focus, handle],
  )

  /** Every suggestion of the whole document on offer now (in a big document asked for the whole text first, as run `runId`). */
  const wholeDocument = useCallback(async (runId?: string): Promise<SuggestionRow[]> => {
    if (!big || docId === undefined) return latest.current.offered
    const r = await call('recommend.suggestions', { documentId: docId, annotator, ...(runId ? { runId } : {}) })
    return offeredSuggestions(bestSuggestions(r.suggestions), latestShown.current, latestHidden.current)
  }, [big, docId, annotator])

  /** Accepts the given suggestions (at most 5,000) as one action (the API records one undo for them all). */
  const acceptAll = useCallback(async (all: SuggestionRow[]): Promise<number> => {
    const items = all.slice(0, 5000)
    if (!items.length || docId === undefined) return 0
    setFocusedKey(null)
    const saved = await layer.addSpans(
      items.map((s) => ({ start: s.start, end: s.end, label: s.label })),
      undefined,
      save(items),
      `${items.length} suggestions`,
    )
    if (saved) flash('info', `Accepted ${saved.length} ${saved.length === 1 ? 'suggestion' : 'suggestions'}. Ctrl+Z takes them all back.`)
    return saved?.length ?? 0
  }, [docId, layer, save, flash])

  return { offered, report, failure, asking: asking !== null, stopped, cancelAsking, focusedIndex, focus, setFocusedKey, keys: { step, accept, reject }, wholeDocument, acceptAll, onWindow, nearby: big }
}

export type Suggestions = ReturnType<typeof useSuggestions>
