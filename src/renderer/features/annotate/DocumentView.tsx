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
import { fetchNextNotDone, fetchStatus } from './nextDocument'
import { RelationList } from './RelationList'
import { RelationTypeMenu } from './RelationTypeMenu'
import { cycleCandidate, spanName } from './relationFlow'
import type { RelationFlow } from './relationFlow'
import { EditQueue } from './editQueue'
import type { PendingEdit } from './editQueue'
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

/** Pending spans and relations (painted before the store answers) get negative ids, never a store's. */
let nextTempId = -1

/** A span named for a banner or message: `PERSON “John Kerry”`. */
function quote(s: Span | undefined, text: string): string {
  return s ? `${s.label} “${text.slice(s.start, s.end)}”` : 'a span'
}

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
  // Spans painted at once on a hotkey, until the store answers.
  const [pending, setPending] = useState<Span[]>([])
  // Relations drawn at once, until the store answers.
  const [pendingRelations, setPendingRelations] = useState<Relation[]>([])
  // Span changes shown at once over the saved span, in the order made, until the store answers (a refusal drops them).
  const [spanChanges, setSpanChanges] = useState<{ token: number; id: number; change: Omit<SpanUpdate, 'id'> }[]>([])
  // Every edit not yet confirmed by the store; all of this document's edits are saved in order through one queue.
  const [edits, setEdits] = useState<readonly PendingEdit[]>([])
  const queue = useMemo(() => new EditQueue(setEdits), [props.externalId, props.annotator])
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
        const list = fetchStatus(props.annotator, d.id)
        list.catch(() => undefined) // reported below, once awaited
        const layer = await layerCall
        if (!live) return
        setDoc(d)
        setSpans(layer.spans)
        setRelations(layer.relations)
        const saved = await list
        if (live) setStatus((st) => (st === 'todo' ? saved : st))
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
      setPending((p) => [...p, temp])
      select(temp.id)
      const quoted = quote(temp, doc.text)
      queue
        .run(quoted, `span-create:${temp.id}`, () => call('spans.create', { documentId: doc.id, annotator: props.annotator, label: label.name, ...sel }))
        .then((span) => {
          setSpans((s) => [...s, span].sort(byPosition))
          setSelectedId((id) => (id === temp.id ? span.id : id))
          setStatus((st) => (st === 'todo' ? 'in_progress' : st))
        })
        .catch((e: Error) => {
          setSelectedId((id) => (id === temp.id ? null : id))
          flash('error', `${quoted} was not added: ${e.message}`)
        })
        .finally(() => setPending((p) => p.filter((x) => x.id !== temp.id)))
    },
    [doc, props.annotator, flash, select, snap, queue],
  )

  const spanById = useMemo(() => new Map(spans.map((s) => [s.id, s])), [spans])
  const spanByIdRef = useRef(spanById)
  spanByIdRef.current = spanById
  const relationsRef = useRef(relations)
  relationsRef.current = relations

  /** The span stays on screen marked "deleting…" until the store confirms; a refusal unmarks it and says why. */
  const deleteSpan = useCallback(
    (id: number) => {
      if (!doc) return
      if (id < 0) {
        flash('info', 'That span is still being saved; delete it once it is.')
        return
      }
      if (queue.pending.some((e) => e.target === `span-delete:${id}`)) return
      const what = `The deletion of ${quote(spanByIdRef.current.get(id), doc.text)}`
      select(null)
      queue
        .run(what, `span-delete:${id}`, () => call('spans.delete', { id }))
        .then(() => {
          setSpans((s) => s.filter((x) => x.id !== id))
          setRelations((r) => r.filter((x) => x.headId !== id && x.tailId !== id))
          setSelectedId((sel) => (sel === id ? null : sel))
        })
        .catch((e: Error) => flash('error', `${what} was refused: ${e.message}`))
    },
    [doc, flash, select, queue],
  )

  /** The change shows at once over the saved span (marked unsaved in the details) until the store confirms; resolves false on a refusal. */
  const updateSpan = useCallback(
    (id: number, change: Omit<SpanUpdate, 'id'>): Promise<boolean> => {
      if (!doc) return Promise.resolve(false)
      const token = nextTempId--
      setSpanChanges((c) => [...c, { token, id, change }])
      const field = Object.keys(change).join(', ')
      const what = `The ${field} of ${quote(spanByIdRef.current.get(id), doc.text)}`
      return queue
        .run(what, `span-update:${id}:${field}`, () => call('spans.update', { id, ...change }))
        .then((span) => {
          setSpans((s) => s.map((x) => (x.id === id ? span : x)))
          setStatus((st) => (st === 'todo' ? 'in_progress' : st))
          return true
        })
        .catch((e: Error) => {
          flash('error', `${what} was not changed: ${e.message}`)
          return false
        })
        .finally(() => setSpanChanges((c) => c.filter((x) => x.token !== token)))
    },
    [doc, flash, queue],
  )

  /** The relation stays listed, marked "deleting…", until the store confirms. */
  const deleteRelation = useCallback(
    (id: number) => {
      if (!doc) return
      if (id < 0) {
        flash('info', 'That relation is still being saved; delete it once it is.')
        return
      }
      if (queue.pending.some((e) => e.target === `relation-delete:${id}`)) return
      const r = relationsRef.current.find((x) => x.id === id)
      const what = r
        ? `The deletion of relation ${r.label} ${quote(spanByIdRef.current.get(r.headId), doc.text)} → ${quote(spanByIdRef.current.get(r.tailId), doc.text)}`
        : 'The deletion of a relation'
      setSelectedRelationId(null)
      queue
        .run(what, `relation-delete:${id}`, () => call('relations.delete', { id }))
        .then(() => setRelations((rs) => rs.filter((x) => x.id !== id)))
        .catch((e: Error) => flash('error', `${what} was refused: ${e.message}`))
    },
    [doc, flash, queue],
  )

  // Stable callbacks for the memoized side lists, so a repaint of the article does not re-render them.
  const selectRelationFromList = useCallback((id: number) => {
    setSelectedId(null)
    setSelectedRelationId(id)
    const r = relationsRef.current.find((x) => x.id === id)
    const s = r ? spanByIdRef.current.get(r.headId) : undefined
    if (s) handle.current?.scrollToOffset(s.start)
  }, [])
  const deleteRelationFromList = useCallback((id: number) => deleteRelation(id), [deleteRelation])
  const deleteSpanFromList = useCallback((id: number) => deleteSpan(id), [deleteSpan])

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

  /** The relation is drawn at once (pending) and swapped for the saved one; a refusal removes it and says why. */
  const createRelation = useCallback(
    (headId: number, tailId: number, label: LabelType) => {
      if (!doc) return
      setFlow(null)
      const temp: Relation = {
        id: nextTempId--,
        documentId: doc.id,
        annotator: props.annotator,
        label: label.name,
        headId,
        tailId,
        kind: 'binary',
        attributes: {},
        note: '',
        sourceId: null,
        createdAt: new Date().toISOString(),
      }
      const what = `The relation ${label.name} ${quote(spanByIdRef.current.get(headId), doc.text)} → ${quote(spanByIdRef.current.get(tailId), doc.text)}`
      setPendingRelations((rs) => [...rs, temp])
      setSelectedId(null)
      setSelectedRelationId(temp.id)
      queue
        .run(what, `relation-create:${temp.id}`, () => call('relations.create', { documentId: doc.id, annotator: props.annotator, label: label.name, headId, tailId }))
        .then((r) => {
          setRelations((rs) => [...rs, r])
          setSelectedRelationId((id) => (id === temp.id ? r.id : id))
          setStatus((st) => (st === 'todo' ? 'in_progress' : st))
        })
        .catch((e: Error) => {
          setSelectedRelationId((id) => (id === temp.id ? null : id))
          flash('error', `${what} was not added: ${e.message}`)
        })
        .finally(() => setPendingRelations((rs) => rs.filter((x) => x.id !== temp.id)))
    },
    [doc, props.annotator, flash, queue],
  )

  /** Undo or redo the latest action of this layer (after every edit queued before it), then repaint what the store says it changed. */
  const step = useCallback(
    async (direction: 'undo' | 'redo') => {
      if (!doc) return
      try {
        const res = await queue.run(direction === 'undo' ? 'The undo' : 'The redo', 'history', () =>
          call(direction === 'undo' ? 'history.undo' : 'history.redo', { documentId: doc.id, annotator: props.annotator }),
        )
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
      }
    },
    [doc, props.annotator, flash, queue],
  )

  /** The status shows at once; a refusal puts the old one back. */
  const markDone = useCallback(() => {
    if (!doc) return
    const before = status
    const next: DocStatus = status === 'done' ? 'in_progress' : 'done'
    setStatus(next)
    queue
      .run(next === 'done' ? 'Marking this document done' : 'Reopening this document', 'status', () =>
        call('documents.setStatus', { documentId: doc.id, annotator: props.annotator, status: next }),
      )
      .catch((e: Error) => {
        setStatus(before)
        flash('error', e.message)
      })
  }, [doc, status, props.annotator, queue, flash])

  /** Marks this document done, then opens the next one in library order that is not done. */
  const finishAndNext = useCallback(async () => {
    if (!doc) return
    if (edits.length) {
      flash('info', `Wait for ${edits.length === 1 ? 'the unsaved edit' : `the ${edits.length} unsaved edits`} to be saved before moving on.`)
      return
    }
    try {
      await queue.run('Marking this document done', 'status', () => call('documents.setStatus', { documentId: doc.id, annotator: props.annotator, status: 'done' }))
      setStatus('done')
      const next = await fetchNextNotDone(props.annotator, doc.id)
      if (next) window.location.hash = documentHref(next.externalId)
      else flash('info', 'Marked done. Every document is done now.')
    } catch (e) {
      flash('error', (e as Error).message)
    }
  }, [doc, edits.length, props.annotator, flash, queue])

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
  // Every span as painted: saved ones (with their unconfirmed changes over them) and pending ones, in text order.
  const shown = useMemo(() => {
    let all = spans
    if (spanChanges.length) {
      const changes = new Map<number, Omit<SpanUpdate, 'id'>>()
      for (const c of spanChanges) changes.set(c.id, { ...changes.get(c.id), ...c.change })
      all = all.map((s) => {
        const c = changes.get(s.id)
        return c ? { ...s, ...c, norm: c.norm !== undefined ? c.norm : s.norm } : s
      })
    }
    return pending.length ? [...all, ...pending].sort(byPosition) : all
  }, [spans, pending, spanChanges])
  // Every relation as drawn: saved ones and pending ones.
  const drawnRelations = useMemo(() => (pendingRelations.length ? [...relations, ...pendingRelations] : relations), [relations, pendingRelations])

  // What each unconfirmed edit touches, as a short note for its item on screen ("deleting…", "not saved").
  const editNotes = useMemo(() => {
    const spansNote = new Map<number, string>()
    const relationsNote = new Map<number, string>()
    const fields = new Map<number, string[]>()
    for (const e of edits) {
      const [kind, rawId, field] = e.target.split(':')
      const id = Number(rawId)
      const state = e.problem ? 'not saved' : ''
      if (kind === 'span-create') spansNote.set(id, state || 'saving…')
      else if (kind === 'span-delete') spansNote.set(id, e.problem ? 'deleting… not saved' : 'deleting…')
      else if (kind === 'span-update') fields.set(id, [...(fields.get(id) ?? []), field])
      else if (kind === 'relation-create') relationsNote.set(id, state || 'saving…')
      else if (kind === 'relation-delete') relationsNote.set(id, e.problem ? 'deleting… not saved' : 'deleting…')
    }
    return { spans: spansNote, relations: relationsNote, fields }
  }, [edits])
  const unsaved = useMemo(() => edits.filter((e) => e.problem), [edits])

  // Leaving (closing the window, reloading) with edits the store has not confirmed asks first.
  useEffect(() => {
    if (!edits.length) return
    const warn = (e: BeforeUnloadEvent) => {
      e.preventDefault()
      e.returnValue = ''
    }
    window.addEventListener('beforeunload', warn)
    return () => window.removeEventListener('beforeunload', warn)
  }, [edits.length])

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

  const selectedRelation = selectedRelationId !== null ? drawnRelations.find((r) => r.id === selectedRelationId) : undefined
  const highlightSpanIds = useMemo(() => {
    if (flow?.phase === 'tail') return flow.candidateId !== null ? [flow.headId, flow.candidateId] : [flow.headId]
    if (flow?.phase === 'type') return [flow.headId, flow.tailId]
    return selectedRelation ? [selectedRelation.headId, selectedRelation.tailId] : []
  }, [flow, selectedRelation])
  const decorate = useMemo(() => {
    const d: Record<number, { className?: string; title?: string }> = {}
    for (const e of edits) {
      const [kind, rawId] = e.target.split(':')
      const id = Number(rawId)
      const why = e.problem ? `Not saved yet: ${e.problem}` : 'Saving…'
      if (kind === 'span-create') d[id] = { className: `sw-span--pending${e.problem ? ' sw-span--unsaved' : ''}`, title: why }
      else if (kind === 'span-delete') d[id] = { className: `sw-span--deleting${e.problem ? ' sw-span--unsaved' : ''}`, title: `Deleting… ${why}` }
      else if (kind === 'span-update' && !d[id]) d[id] = { className: `sw-span--pending${e.problem ? ' sw-span--unsaved' : ''}`, title: `Change ${why.toLowerCase()}` }
    }
    if (flow?.phase === 'tail') d[flow.headId] = { className: 'sw-span--relation-head', title: 'Relation head' }
    return d
  }, [edits, flow])

  const paint = useMemo(
    () => ({
      spans: shown,
      relations: drawnRelations,
      colors,
      selectedSpanId: selectedId,
      selectedRelationId,
      highlightSpanIds,
      decorate,
      searchHits: found?.hits,
      activeSearchHit: activeHit,
    }),
    [shown, drawnRelations, colors, selectedId, selectedRelationId, highlightSpanIds, decorate, found, activeHit],
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
        <div className="unsaved-banner" role="alert" data-unsaved-count={edits.length}>
          <strong>
            {edits.length === 1 ? '1 edit is' : `${edits.length} edits are`} not saved yet. They stay on screen and are retried until the workspace takes them.
          </strong>
          <ul>
            {unsaved.map((e) => (
              <li key={e.key}>
                {e.what} is not saved yet ({e.problem}); retrying in {Math.max(0.1, Math.round((e.retryInS ?? 0) * 10) / 10)} s
              </li>
            ))}
          </ul>
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
              unsavedFields={editNotes.fields.get(selectedSpan.id)}
              unsavedProblem={unsaved.find((e) => e.target.startsWith(`span-update:${selectedSpan.id}:`))?.problem ?? null}
              onSave={(change) => updateSpan(selectedSpan.id, change)}
            />
          )}
          <RelationList
            relations={drawnRelations}
            notes={editNotes.relations}
            spanById={spanById}
            text={doc.text}
            colors={colors}
            selectedId={selectedRelationId}
            onSelect={selectRelationFromList}
            onDelete={deleteRelationFromList}
          />
          <HistoryPanel documentId={doc.id} annotator={props.annotator} revision={layerRevision} />
          <SpanList spans={listed} notes={editNotes.spans} text={doc.text} colors={colors} selectedId={listedSelectedId} onSelect={select} onDelete={deleteSpanFromList} />
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
