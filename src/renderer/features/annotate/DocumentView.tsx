import { useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react'
import type { SpanUpdate } from '../../../shared/api/methods/annotations'
import type { DocStatus, DocumentRecord, LabelType, Relation, Span } from '../../../shared/domain/model'
import { allowedRelationTypes } from '../../../shared/schema/annotationRules'
import { call } from '../../api/client'
import { DocumentEditor } from '../../editor/DocumentEditor'
import type { EditorHandle } from '../../editor/editorTypes'
import { documentHref } from '../../app/useHashRoute'
import { HelpOverlay } from '../help/HelpOverlay'
import { StatusBadge } from '../library/LibraryView'
import './annotate.css'
import { DocumentSearch } from './DocumentSearch'
import { findInDocument } from './textSearch'
import { HistoryPanel } from './HistoryPanel'
import { LabelPalette } from './LabelPalette'
import { nextNotDone } from './nextDocument'
import { RelationList } from './RelationList'
import { RelationTypeMenu } from './RelationTypeMenu'
import { cycleCandidate, spanName } from './relationFlow'
import type { RelationFlow } from './relationFlow'
import { saveWithRetry } from './saveRetry'
import { SpanDetails } from './SpanDetails'
import { adjacentSpan } from './spanNavigation'
import { SpanList } from './SpanList'
import { SnapToggle } from './SnapToggle'
import { useTokenSnapping } from './tokenSnapping'

function isTyping(e: KeyboardEvent): boolean {
  const t = e.target as HTMLElement | null
  return !!t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT' || t.isContentEditable)
}

const byPosition = (a: Span, b: Span) => a.start - b.start || b.end - a.end || a.id - b.id

/** Pending spans (painted before the store answers) get negative ids, never a store's. */
let nextTempId = -1

/**
 * One document, one annotator's layer: select text and press a label's key
 * (the selection snaps to whole tokens unless `s` turned that off); Tab and
 * the arrows move between spans; select a span to edit its details or start a
 * relation (`r`); Ctrl+Z / Ctrl+Shift+Z undo and redo through the store's
 * history; `/` searches the text; Ctrl+Enter marks the document done and
 * opens the next one; `?` lists every key.
 */
export function DocumentView(props: { externalId: string; annotator: string; labels: LabelType[] }) {
  const [doc, setDoc] = useState<DocumentRecord | null>(null)
  const [spans, setSpans] = useState<Span[]>([])
  const [relations, setRelations] = useState<Relation[]>([])
  // Spans painted at once on a hotkey, until the store answers; value: why the save is still retrying (null: in flight).
  const [pending, setPending] = useState<{ span: Span; problem: string | null }[]>([])
  const [status, setStatus] = useState<DocStatus>('todo')
  const [selectedId, setSelectedId] = useState<number | null>(null)
  const [selectedRelationId, setSelectedRelationId] = useState<number | null>(null)
  const [flow, setFlow] = useState<RelationFlow | null>(null)
  const [message, setMessage] = useState<{ kind: 'error' | 'info'; text: string } | null>(null)
  const [loadError, setLoadError] = useState<string | null>(null)
  const [helpOpen, setHelpOpen] = useState(false)
  // The in-document search, when open: its query and the emphasised hit.
  const [search, setSearch] = useState<{ query: string; active: number } | null>(null)
  const handle = useRef<EditorHandle | null>(null)
  const busy = useRef(false)
  const { snapping, setSnapping, snap } = useTokenSnapping(doc?.text ?? null)

  const entityLabels = useMemo(() => props.labels.filter((l) => l.kind === 'entity'), [props.labels])
  const colors = useMemo(() => Object.fromEntries(props.labels.map((l) => [l.name, l.color])), [props.labels])
  const hotkeys = useMemo(() => new Map(entityLabels.filter((l) => l.hotkey).map((l) => [l.hotkey!.toLowerCase(), l])), [entityLabels])

  useEffect(() => {
    let live = true
    call('documents.get', { externalId: props.externalId })
      .then(async (d) => {
        // The status comes from the library's list; it must not hold up painting the document.
        // Asked second, so the server answers the layer first.
        const layerCall = call('annotations.get', { documentId: d.id, annotator: props.annotator })
        const list = call('documents.list', { annotator: props.annotator, query: undefined })
        list.catch(() => undefined) // reported below, once awaited
        const layer = await layerCall
        if (!live) return
        setDoc(d)
        setSpans(layer.spans)
        setRelations(layer.relations)
        const docs = await list
        if (live) setStatus((st) => (st === 'todo' ? (docs.find((x) => x.id === d.id)?.status ?? 'todo') : st))
      })
      .catch((e: Error) => live && setLoadError(e.message))
    return () => {
      live = false
    }
  }, [props.externalId, props.annotator])

  const flash = useCallback((kind: 'error' | 'info', text: string) => {
    setMessage({ kind, text })
    window.setTimeout(() => setMessage((m) => (m?.text === text ? null : m)), kind === 'error' ? 6000 : 3000)
  }, [])

  const select = useCallback((id: number | null) => {
    setSelectedId(id)
    setSelectedRelationId(null)
  }, [])

  /** Paints the span at once (pending), then swaps in the saved one; transient failures retry with backoff. */
  const createSpan = useCallback(
    (label: LabelType) => {
      if (!doc || !handle.current) return
      const drawn = handle.current.selectionOffsets()
      const sel = drawn && snap(drawn)
      if (!sel) {
        flash('info', `Select some text first, then press ${label.hotkey ?? label.name}.`)
        return
      }
      // Clear the selection now, not after the save: a selection made while
      // the save is in flight must not be wiped (or restored over) by it.
      window.getSelection()?.removeAllRanges()
      const temp: Span = {
        id: nextTempId--,
        documentId: doc.id,
        annotator: props.annotator,
        label: label.name,
        start: sel.start,
        end: sel.end,
        fragments: null,
        kind: 'entity',
        attributes: {},
        note: '',
        norm: null,
        normText: null,
        sourceId: null,
        createdAt: new Date().toISOString(),
      }
      setPending((p) => [...p, { span: temp, problem: null }])
      select(temp.id)
      const quoted = `${label.name} “${doc.text.slice(sel.start, sel.end)}”`
      saveWithRetry(
        () => call('spans.create', { documentId: doc.id, annotator: props.annotator, label: label.name, ...sel }),
        (error, wait) => {
          const problem = `${quoted} is not saved yet (${error.message}); retrying in ${Math.round(wait / 100) / 10} s`
          setPending((p) => p.map((x) => (x.span.id === temp.id ? { ...x, problem } : x)))
        },
      )
        .then((span) => {
          setSpans((s) => [...s, span].sort(byPosition))
          setSelectedId((id) => (id === temp.id ? span.id : id))
          setStatus((st) => (st === 'todo' ? 'in_progress' : st))
        })
        .catch((e: Error) => {
          setSelectedId((id) => (id === temp.id ? null : id))
          flash('error', `${quoted} was not added: ${e.message}`)
        })
        .finally(() => setPending((p) => p.filter((x) => x.span.id !== temp.id)))
    },
    [doc, props.annotator, flash, select, snap],
  )

  const deleteSpan = useCallback(
    async (id: number) => {
      if (id < 0) {
        flash('info', 'That span is still being saved; delete it once it is.')
        return
      }
      try {
        await call('spans.delete', { id })
        setSpans((s) => s.filter((x) => x.id !== id))
        setRelations((r) => r.filter((x) => x.headId !== id && x.tailId !== id))
        select(null)
      } catch (e) {
        flash('error', (e as Error).message)
      }
    },
    [flash, select],
  )

  const updateSpan = useCallback(
    async (id: number, change: Omit<SpanUpdate, 'id'>): Promise<boolean> => {
      try {
        const span = await call('spans.update', { id, ...change })
        setSpans((s) => s.map((x) => (x.id === id ? span : x)))
        setStatus((st) => (st === 'todo' ? 'in_progress' : st))
        return true
      } catch (e) {
        flash('error', (e as Error).message)
        return false
      }
    },
    [flash],
  )

  const deleteRelation = useCallback(
    async (id: number) => {
      try {
        await call('relations.delete', { id })
        setRelations((r) => r.filter((x) => x.id !== id))
        setSelectedRelationId(null)
      } catch (e) {
        flash('error', (e as Error).message)
      }
    },
    [flash],
  )

  const spanById = useMemo(() => new Map(spans.map((s) => [s.id, s])), [spans])

  // Stable callbacks for the memoized side lists, so a repaint of the article does not re-render them.
  const relationsRef = useRef(relations)
  relationsRef.current = relations
  const spanByIdRef = useRef(spanById)
  spanByIdRef.current = spanById
  const selectRelationFromList = useCallback((id: number) => {
    setSelectedId(null)
    setSelectedRelationId(id)
    const r = relationsRef.current.find((x) => x.id === id)
    const s = r ? spanByIdRef.current.get(r.headId) : undefined
    if (s) handle.current?.scrollToOffset(s.start)
  }, [])
  const deleteRelationFromList = useCallback((id: number) => void deleteRelation(id), [deleteRelation])
  const deleteSpanFromList = useCallback((id: number) => void deleteSpan(id), [deleteSpan])

  /** The type menu for a picked pair, or a refusal naming the labels when the schema allows no type. */
  const chooseType = useCallback(
    (headId: number, tailId: number) => {
      const head = spanById.get(headId)
      const tail = spanById.get(tailId)
      if (!head || !tail || !doc) return
      if (head.id === tail.id) {
        flash('error', 'A relation needs two different spans.')
        return
      }
      const options = allowedRelationTypes(props.labels, head.label, tail.label)
      if (!options.length) {
        setFlow(null)
        flash('error', `No relation type allows ${head.label} → ${tail.label} (from ${spanName(head, doc.text)} to ${spanName(tail, doc.text)}).`)
        return
      }
      setFlow({ phase: 'type', headId, tailId, options, active: 0 })
    },
    [spanById, doc, props.labels, flash],
  )

  const createRelation = useCallback(
    async (headId: number, tailId: number, label: LabelType) => {
      if (!doc) return
      setFlow(null)
      try {
        const r = await call('relations.create', { documentId: doc.id, annotator: props.annotator, label: label.name, headId, tailId })
        setRelations((rs) => [...rs, r])
        setSelectedId(null)
        setSelectedRelationId(r.id)
        setStatus((st) => (st === 'todo' ? 'in_progress' : st))
      } catch (e) {
        flash('error', (e as Error).message)
      }
    },
    [doc, props.annotator, flash],
  )

  /** Undo or redo the latest action of this layer, then repaint what the store says it changed. */
  const step = useCallback(
    async (direction: 'undo' | 'redo') => {
      if (!doc || busy.current) return
      if (pending.length) {
        flash('info', `Wait for the pending span${pending.length > 1 ? 's' : ''} to be saved before ${direction === 'undo' ? 'undoing' : 'redoing'}.`)
        return
      }
      busy.current = true
      try {
        const res = await call(direction === 'undo' ? 'history.undo' : 'history.redo', { documentId: doc.id, annotator: props.annotator })
        const c = res.changes
        const goneSpans = new Set(c.removedSpanIds)
        const goneRelations = new Set(c.removedRelationIds)
        const written = new Set(c.spans.map((s) => s.id))
        const writtenRelations = new Set(c.relations.map((r) => r.id))
        setSpans((all) => [...all.filter((s) => !goneSpans.has(s.id) && !written.has(s.id)), ...c.spans].sort(byPosition))
        setRelations((all) =>
          [
            ...all.filter((r) => !goneRelations.has(r.id) && !writtenRelations.has(r.id) && !goneSpans.has(r.headId) && !goneSpans.has(r.tailId)),
            ...c.relations,
          ].sort((a, b) => a.id - b.id),
        )
        setFlow(null)
        setSelectedId((id) => (id !== null && goneSpans.has(id) ? null : id))
        setSelectedRelationId((id) => (id !== null && goneRelations.has(id) ? null : id))
        if (!res.entry) flash('info', direction === 'undo' ? 'Nothing to undo.' : 'Nothing to redo.')
        else flash('info', `${direction === 'undo' ? 'Undid' : 'Redid'}: ${res.entry.summary}`)
      } catch (e) {
        flash('error', (e as Error).message)
      } finally {
        busy.current = false
      }
    },
    [doc, props.annotator, pending.length, flash],
  )

  const markDone = useCallback(async () => {
    if (!doc) return
    const next: DocStatus = status === 'done' ? 'in_progress' : 'done'
    await call('documents.setStatus', { documentId: doc.id, annotator: props.annotator, status: next })
    setStatus(next)
  }, [doc, status, props.annotator])

  /** Marks this document done, then opens the next one in library order that is not done. */
  const finishAndNext = useCallback(async () => {
    if (!doc) return
    if (pending.length) {
      flash('info', 'Wait for the pending spans to be saved before moving on.')
      return
    }
    try {
      await call('documents.setStatus', { documentId: doc.id, annotator: props.annotator, status: 'done' })
      setStatus('done')
      const next = nextNotDone(await call('documents.list', { annotator: props.annotator }), doc.id)
      if (next) window.location.hash = documentHref(next.externalId)
      else flash('info', 'Marked done. Every document is done now.')
    } catch (e) {
      flash('error', (e as Error).message)
    }
  }, [doc, pending.length, props.annotator, flash])

  const found = useMemo(() => (doc && search ? findInDocument(doc.text, search.query) : null), [doc, search?.query])
  const activeHit = found?.hits.length ? Math.min(search?.active ?? 0, found.hits.length - 1) : null
  const stepSearch = useCallback(
    (dir: 1 | -1) => {
      const n = found?.hits.length ?? 0
      if (n) setSearch((s) => s && { ...s, active: (Math.min(s.active, n - 1) + dir + n) % n })
    },
    [found],
  )
  // Bring the emphasised hit into view as it moves.
  const activeHitStart = activeHit !== null ? found!.hits[activeHit].start : null
  useEffect(() => {
    if (activeHitStart !== null) handle.current?.scrollToOffset(activeHitStart)
  }, [activeHitStart])

  // A new identity whenever the saved layer changes: the history panel refetches on it.
  const layerRevision = useMemo(() => ({ spans, relations }), [spans, relations])
  // Every span as painted: saved ones and pending ones, in text order.
  const shown = useMemo(() => (pending.length ? [...spans, ...pending.map((p) => p.span)].sort(byPosition) : spans), [spans, pending])

  // Bring the tail candidate into view as the keyboard moves it.
  const candidateId = flow?.phase === 'tail' ? flow.candidateId : null
  useEffect(() => {
    const s = candidateId !== null ? spanById.get(candidateId) : undefined
    if (s) handle.current?.scrollToOffset(s.start)
  }, [candidateId, spanById])

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (isTyping(e)) return
      if (helpOpen) {
        // The overlay is modal: only its own keys.
        if (e.key === 'Escape' || e.key === '?') {
          e.preventDefault()
          setHelpOpen(false)
        }
        return
      }
      const mod = e.ctrlKey || e.metaKey
      const key = e.key.toLowerCase()
      if (mod && !e.altKey && (key === 'z' || key === 'y')) {
        e.preventDefault()
        void step(key === 'y' || e.shiftKey ? 'redo' : 'undo')
        return
      }
      if (mod && !e.altKey && e.key === 'Enter') {
        e.preventDefault()
        void finishAndNext()
        return
      }
      if (mod || e.altKey) return

      if (flow) {
        // While a relation is being made, keys drive it (and never label the text).
        e.preventDefault()
        if (e.key === 'Escape') {
          setFlow(null)
          flash('info', 'Relation cancelled.')
        } else if (flow.phase === 'tail') {
          const forward = (e.key === 'Tab' && !e.shiftKey) || e.key === 'ArrowRight' || e.key === 'ArrowDown'
          const back = (e.key === 'Tab' && e.shiftKey) || e.key === 'ArrowLeft' || e.key === 'ArrowUp'
          if (forward || back) setFlow({ ...flow, candidateId: cycleCandidate(spans, flow.headId, flow.candidateId, forward ? 1 : -1) })
          else if (e.key === 'Enter' && flow.candidateId !== null) chooseType(flow.headId, flow.candidateId)
        } else {
          const n = Number(e.key)
          if (Number.isInteger(n) && n >= 1 && n <= flow.options.length) void createRelation(flow.headId, flow.tailId, flow.options[n - 1])
          else if (e.key === 'ArrowDown' || (e.key === 'Tab' && !e.shiftKey)) setFlow({ ...flow, active: (flow.active + 1) % flow.options.length })
          else if (e.key === 'ArrowUp' || (e.key === 'Tab' && e.shiftKey)) setFlow({ ...flow, active: (flow.active - 1 + flow.options.length) % flow.options.length })
          else if (e.key === 'Enter') void createRelation(flow.headId, flow.tailId, flow.options[flow.active])
        }
        return
      }

      if (e.key === 'Delete' || e.key === 'Backspace') {
        if (selectedRelationId !== null) {
          e.preventDefault()
          void deleteRelation(selectedRelationId)
        } else if (selectedId !== null) {
          e.preventDefault()
          void deleteSpan(selectedId)
        }
        return
      }
      if (e.key === 'Escape') {
        if (search) setSearch(null)
        else {
          select(null)
          window.getSelection()?.removeAllRanges()
        }
        return
      }
      if (e.key === '?') {
        e.preventDefault()
        setHelpOpen(true)
        return
      }
      if (e.key === '/') {
        // Kept from the box it opens: the key must not type itself there.
        e.preventDefault()
        setSearch((s) => s ?? { query: '', active: 0 })
        return
      }
      if (key === 'r' && selectedId !== null) {
        e.preventDefault()
        if (selectedId < 0) {
          flash('info', 'That span is still being saved; start the relation once it is.')
          return
        }
        const candidate = cycleCandidate(spans, selectedId, null, 1)
        if (candidate === null) flash('info', 'Add another span first: a relation joins two spans.')
        else setFlow({ phase: 'tail', headId: selectedId, candidateId: candidate })
        return
      }
      // Move between spans with Tab (which also starts from nothing selected) or the arrows once one is selected.
      if (e.key === 'Tab' || (selectedId !== null && (e.key === 'ArrowRight' || e.key === 'ArrowLeft'))) {
        const dir = e.key === 'ArrowLeft' || (e.key === 'Tab' && e.shiftKey) ? -1 : 1
        const next = adjacentSpan(shown, selectedId, dir)
        if (next) {
          e.preventDefault()
          select(next.id)
          handle.current?.scrollToOffset(next.start)
        }
        return
      }
      const label = hotkeys.get(key)
      if (label && !e.shiftKey) {
        e.preventDefault()
        createSpan(label)
        return
      }
      // A label keeps `s` if an older schema gave it that key; the toggle button still works then.
      if (key === 's' && !e.shiftKey) {
        e.preventDefault()
        setSnapping(!snapping)
        flash('info', `Token snapping ${snapping ? 'off: spans keep the selection as drawn' : 'on: selections grow to whole words'}.`)
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [hotkeys, selectedId, selectedRelationId, flow, spans, shown, createSpan, deleteSpan, deleteRelation, chooseType, createRelation, step, select, flash, helpOpen, search, snapping, setSnapping, finishAndNext])

  const selectedRelation = selectedRelationId !== null ? relations.find((r) => r.id === selectedRelationId) : undefined
  const highlightSpanIds = useMemo(() => {
    if (flow?.phase === 'tail') return flow.candidateId !== null ? [flow.headId, flow.candidateId] : [flow.headId]
    if (flow?.phase === 'type') return [flow.headId, flow.tailId]
    return selectedRelation ? [selectedRelation.headId, selectedRelation.tailId] : []
  }, [flow, selectedRelation])
  const decorate = useMemo(() => {
    const d: Record<number, { className?: string; title?: string }> = {}
    for (const p of pending) {
      d[p.span.id] = p.problem
        ? { className: 'sw-span--pending sw-span--unsaved', title: `Not saved yet: ${p.problem}` }
        : { className: 'sw-span--pending', title: 'Saving…' }
    }
    if (flow?.phase === 'tail') d[flow.headId] = { className: 'sw-span--relation-head', title: 'Relation head' }
    return d
  }, [pending, flow])

  const paint = useMemo(
    () => ({
      spans: shown,
      relations,
      colors,
      selectedSpanId: selectedId,
      selectedRelationId,
      highlightSpanIds,
      decorate,
      searchHits: found?.hits,
      activeSearchHit: activeHit,
    }),
    [shown, relations, colors, selectedId, selectedRelationId, highlightSpanIds, decorate, found, activeHit],
  )
  // The side panels (span list, details, the palette's counts) follow the article in a deferred
  // render: a hotkey repaints the article at once, the panels a moment later, off the key's path.
  const listed = useDeferredValue(shown)
  const listedSelectedId = useDeferredValue(selectedId)
  const counts = useMemo(() => {
    const c: Record<string, number> = {}
    for (const s of listed) c[s.label] = (c[s.label] ?? 0) + 1
    return c
  }, [listed])

  if (loadError) return <div className="panel-error">Cannot open {props.externalId}: {loadError}</div>
  if (!doc) return <div className="app-loading">Opening {props.externalId}…</div>

  const selectedSpan = listedSelectedId !== null ? listed.find((s) => s.id === listedSelectedId) : undefined
  const unsaved = pending.filter((p) => p.problem)
  const head = flow ? spanById.get(flow.headId) : undefined
  const candidate = flow?.phase === 'tail' && flow.candidateId !== null ? spanById.get(flow.candidateId) : undefined

  return (
    <section className="annotate">
      <div className="annotate-head">
        <a href="#/" className="back" aria-label="Back to library">
          ←
        </a>
        <div className="annotate-title">
          <h1>{doc.title}</h1>
          <span className="mono muted">{doc.externalId}</span>
        </div>
        <div className="history-buttons" role="group" aria-label="History">
          <button className="btn" title="Undo (Ctrl+Z)" onClick={() => void step('undo')}>
            ↶ Undo
          </button>
          <button className="btn" title="Redo (Ctrl+Shift+Z)" onClick={() => void step('redo')}>
            ↷ Redo
          </button>
        </div>
        <span data-doc-status={status}>
          <StatusBadge status={status} />
        </span>
        <button className="btn" onClick={() => void markDone()}>
          {status === 'done' ? 'Reopen' : 'Mark done'}
        </button>
        <button className="btn btn-primary done-next" title="Mark done and open the next document (Ctrl+Enter)" onClick={() => void finishAndNext()}>
          Done &amp; next <kbd>Ctrl</kbd>
          <kbd>↵</kbd>
        </button>
        <button className="btn help-btn" aria-label="Keyboard shortcuts" title="Keyboard shortcuts (?)" onClick={() => setHelpOpen(true)}>
          ?
        </button>
      </div>
      <LabelPalette labels={entityLabels} counts={counts} onPick={(l) => createSpan(l)}>
        <SnapToggle on={snapping} onChange={setSnapping} />
      </LabelPalette>
      {flow?.phase === 'tail' && head && (
        <div className="relation-prompt" role="status" data-relation-prompt="tail">
          <strong>New relation</strong> from {spanName(head, doc.text)} → {candidate ? <strong>{spanName(candidate, doc.text)}</strong> : '…'}
          <span className="muted">
            <kbd>Tab</kbd>/<kbd>←</kbd>
            <kbd>→</kbd> choose the tail (or click it) · <kbd>Enter</kbd> confirm · <kbd>Esc</kbd> cancel
          </span>
        </div>
      )}
      {unsaved.length > 0 && (
        <div className="unsaved-banner" role="alert">
          {unsaved.map((p) => (
            <div key={p.span.id}>{p.problem}</div>
          ))}
        </div>
      )}
      {message && (
        <div className={`toast toast-${message.kind}`} role={message.kind === 'error' ? 'alert' : 'status'}>
          {message.text}
        </div>
      )}
      <div className="annotate-body">
        <div className="document-scroll">
          {search && found && (
            <div className="doc-search-dock">
              <DocumentSearch
                query={search.query}
                hitCount={found.hits.length}
                capped={found.capped}
                active={activeHit}
                onQuery={(query) => setSearch({ query, active: 0 })}
                onStep={stepSearch}
                onClose={() => setSearch(null)}
              />
            </div>
          )}
          <DocumentEditor
            text={doc.text}
            paint={paint}
            onReady={(h) => (handle.current = h)}
            onSpanClick={(id) => {
              if (flow?.phase === 'tail') {
                if (id !== flow.headId && id > 0) chooseType(flow.headId, id)
                return
              }
              select(id)
            }}
            onRelationClick={(id) => {
              setSelectedId(null)
              setSelectedRelationId(id)
            }}
            onSpanDragOnto={(headId, tailId) => {
              if (headId > 0 && tailId > 0) chooseType(headId, tailId)
            }}
          />
        </div>
        <aside className="side">
          {selectedSpan && (
            <SpanDetails
              key={selectedSpan.id}
              span={selectedSpan}
              text={doc.text}
              labels={entityLabels}
              pending={selectedSpan.id < 0}
              onSave={(change) => updateSpan(selectedSpan.id, change)}
            />
          )}
          <RelationList
            relations={relations}
            spanById={spanById}
            text={doc.text}
            colors={colors}
            selectedId={selectedRelationId}
            onSelect={selectRelationFromList}
            onDelete={deleteRelationFromList}
          />
          <HistoryPanel documentId={doc.id} annotator={props.annotator} revision={layerRevision} />
          <SpanList spans={listed} text={doc.text} colors={colors} selectedId={listedSelectedId} onSelect={select} onDelete={deleteSpanFromList} />
        </aside>
      </div>
      {flow?.phase === 'type' && spanById.get(flow.headId) && spanById.get(flow.tailId) && (
        <RelationTypeMenu
          headName={spanName(spanById.get(flow.headId)!, doc.text)}
          tailName={spanName(spanById.get(flow.tailId)!, doc.text)}
          tailId={flow.tailId}
          options={flow.options}
          active={flow.active}
          onPick={(l) => void createRelation(flow.headId, flow.tailId, l)}
          onCancel={() => setFlow(null)}
        />
      )}
      {helpOpen && <HelpOverlay labels={props.labels} snapping={snapping} onClose={() => setHelpOpen(false)} />}
    </section>
  )
}
