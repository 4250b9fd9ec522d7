import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import type { SpanUpdate } from '../../../shared/api/methods/annotations'
import type { DocumentRecord, Relation, Span } from '../../../shared/domain/model'
import { call } from '../../api/client'
import { EditQueue } from './editQueue'
import { isQueued, pendingMarks } from './pendingMarks'
import type { Edit, EditTarget } from './pendingMarks'

export const byPosition = (a: Span, b: Span) => a.start - b.start || b.end - a.end || a.id - b.id

/** Pending spans and relations (painted before the store answers) get negative ids, never a store's. */
let nextTempId = -1

/** A span named for a banner or message: `PERSON “John Kerry”`. */
export function quote(s: Pick<Span, 'label' | 'start' | 'end'> | undefined, text: string): string {
  return s ? `${s.label} “${text.slice(s.start, s.end)}”` : 'a span'
}

type Flash = (kind: 'error' | 'info', text: string) => void

function tempSpan(doc: DocumentRecord, annotator: string, label: string, r: { start: number; end: number }): Span {
  return { id: nextTempId--, documentId: doc.id, annotator, label, start: r.start, end: r.end, fragments: null, kind: 'entity', attributes: {}, note: '', norm: null, normText: null, sourceId: null, createdAt: new Date().toISOString() }
}

/**
 * One annotator's layer of one document, edited optimistically: every edit
 * shows at once (pending spans and relations with negative ids, span changes
 * over the saved span) and is saved through one ordered queue; the store's
 * answer swaps in the saved item, a refusal takes the edit back and says why.
 * `onSaved` hears each committed edit (the status moves from todo).
 */
export function useLayerEdits(doc: DocumentRecord | null, annotator: string, flash: Flash, onSaved: () => void, initial?: { spans: Span[]; relations: Relation[] } | null) {
  const [spans, setSpans] = useState<Span[]>(() => initial?.spans ?? [])
  const [relations, setRelations] = useState<Relation[]>(() => initial?.relations ?? [])
  const [pending, setPending] = useState<Span[]>([])
  const [pendingRelations, setPendingRelations] = useState<Relation[]>([])
  const [spanChanges, setSpanChanges] = useState<{ token: number; id: number; change: Omit<SpanUpdate, 'id'> }[]>([])
  const [edits, setEdits] = useState<readonly Edit[]>([])
  const queue = useMemo(() => new EditQueue<EditTarget>(setEdits), [doc?.id, annotator])
  const spanById = useMemo(() => new Map(spans.map((s) => [s.id, s])), [spans])
  const latest = useRef({ spanById, relations })
  latest.current = { spanById, relations }
  const text = doc?.text ?? ''

  const load = useCallback((layer: { spans: Span[]; relations: Relation[] }) => {
    setSpans(layer.spans)
    setRelations(layer.relations)
  }, [])

  /**
   * Paints spans at once (pending, `onTemp` hears their ids) and saves them as one action through `save`
   * (by default spans.create / spans.createMany; accepted suggestions save through recommend.accept);
   * resolves with the saved spans, or null on a refusal.
   */
  const addSpans = useCallback(
    (items: { start: number; end: number; label: string }[], onTemp?: (tempIds: number[]) => void, saveWith?: (requestId: string) => Promise<Span[]>, name?: string): Promise<Span[] | null> => {
      if (!doc || !items.length) return Promise.resolve(null)
      const temps = items.map((r) => tempSpan(doc, annotator, r.label, r))
      const ids = new Set(temps.map((t) => t.id))
      setPending((p) => [...p, ...temps])
      onTemp?.([...ids])
      const one = temps.length === 1
      const label = items[0].label
      const what = name ?? (one ? quote(temps[0], text) : `${temps.length} ${label} spans`)
      const target: EditTarget = one ? { kind: 'span-create', id: temps[0].id } : { kind: 'spans-create', ids: [...ids] }
      const ranges = items.map(({ start, end }) => ({ start, end }))
      const save =
        saveWith ??
        (one
          ? (requestId: string) => call('spans.create', { documentId: doc.id, annotator, label, ...ranges[0] }, { requestId }).then((s) => [s])
          : (requestId: string) => call('spans.createMany', { documentId: doc.id, annotator, label, ranges }, { requestId }))
      return queue
        .run(what, target, save)
        .then((saved) => {
          setSpans((s) => [...s, ...saved].sort(byPosition))
          onSaved()
          return saved
        })
        .catch((e: Error) => {
          flash('error', `${what} ${one ? 'was' : 'were'} not added: ${e.message}`)
          return null
        })
        .finally(() => setPending((p) => p.filter((x) => !ids.has(x.id))))
    },
    [doc, annotator, text, flash, queue, onSaved],
  )
  const createSpans = useCallback(
    (label: string, ranges: { start: number; end: number }[], onTemp?: (tempIds: number[]) => void) => addSpans(ranges.map((r) => ({ ...r, label })), onTemp),
    [addSpans],
  )

  /** The span stays on screen marked "deleting…" until the store confirms; a refusal unmarks it and says why. */
  const deleteSpan = useCallback(
    (id: number): Promise<boolean> => {
      if (!doc) return Promise.resolve(false)
      if (id < 0) {
        flash('info', 'That span is still being saved; delete it once it is.')
        return Promise.resolve(false)
      }
      if (isQueued(queue.pending, 'span-delete', id)) return Promise.resolve(false)
      const what = `The deletion of ${quote(latest.current.spanById.get(id), text)}`
      return queue
        .run(what, { kind: 'span-delete', id }, (requestId) => call('spans.delete', { id }, { requestId }))
        .then(() => {
          setSpans((s) => s.filter((x) => x.id !== id))
          setRelations((r) => r.filter((x) => x.headId !== id && x.tailId !== id))
          return true
        })
        .catch((e: Error) => {
          flash('error', `${what} was refused: ${e.message}`)
          return false
        })
    },
    [doc, text, flash, queue],
  )

  /** The change shows at once over the saved span (marked unsaved in the details) until the store confirms; resolves false on a refusal. */
  const updateSpan = useCallback(
    (id: number, change: Omit<SpanUpdate, 'id'>): Promise<boolean> => {
      if (!doc) return Promise.resolve(false)
      const token = nextTempId--
      setSpanChanges((c) => [...c, { token, id, change }])
      const fields = Object.keys(change)
      const what = `The ${fields.join(', ')} of ${quote(latest.current.spanById.get(id), text)}`
      return queue
        .run(what, { kind: 'span-update', id, fields }, (requestId) => call('spans.update', { id, ...change }, { requestId }))
        .then((span) => {
          setSpans((s) => s.map((x) => (x.id === id ? span : x)))
          onSaved()
          return true
        })
        .catch((e: Error) => {
          flash('error', `${what} was not changed: ${e.message}`)
          return false
        })
        .finally(() => setSpanChanges((c) => c.filter((x) => x.token !== token)))
    },
    [doc, text, flash, queue, onSaved],
  )

  /** The relation is drawn at once (pending) and swapped for the saved one; resolves with the saved one, or null on a refusal. */
  const createRelation = useCallback(
    (headId: number, tailId: number, label: string, onTemp?: (tempId: number) => void): Promise<Relation | null> => {
      if (!doc) return Promise.resolve(null)
      const temp: Relation = { id: nextTempId--, documentId: doc.id, annotator, label, headId, tailId, kind: 'binary', attributes: {}, note: '', sourceId: null, createdAt: new Date().toISOString() }
      const { spanById } = latest.current
      const what = `The relation ${label} ${quote(spanById.get(headId), text)} → ${quote(spanById.get(tailId), text)}`
      setPendingRelations((rs) => [...rs, temp])
      onTemp?.(temp.id)
      return queue
        .run(what, { kind: 'relation-create', id: temp.id }, (requestId) => call('relations.create', { documentId: doc.id, annotator, label, headId, tailId }, { requestId }))
        .then((r) => {
          setRelations((rs) => [...rs, r])
          onSaved()
          return r
        })
        .catch((e: Error) => {
          flash('error', `${what} was not added: ${e.message}`)
          return null
        })
        .finally(() => setPendingRelations((rs) => rs.filter((x) => x.id !== temp.id)))
    },
    [doc, annotator, text, flash, queue, onSaved],
  )

  /** The relation stays listed, marked "deleting…", until the store confirms. */
  const deleteRelation = useCallback(
    (id: number) => {
      if (!doc) return
      if (id < 0) return flash('info', 'That relation is still being saved; delete it once it is.')
      if (isQueued(queue.pending, 'relation-delete', id)) return
      const r = latest.current.relations.find((x) => x.id === id)
      const { spanById } = latest.current
      const what = r ? `The deletion of relation ${r.label} ${quote(spanById.get(r.headId), text)} → ${quote(spanById.get(r.tailId), text)}` : 'The deletion of a relation'
      queue
        .run(what, { kind: 'relation-delete', id }, (requestId) => call('relations.delete', { id }, { requestId }))
        .then(() => setRelations((rs) => rs.filter((x) => x.id !== id)))
        .catch((e: Error) => flash('error', `${what} was refused: ${e.message}`))
    },
    [doc, text, flash, queue],
  )

  /** Undo or redo the layer's latest action (after every edit queued before it); repaints what the store says changed. */
  const step = useCallback(
    async (direction: 'undo' | 'redo') => {
      if (!doc) return null
      const res = await queue.run(direction === 'undo' ? 'The undo' : 'The redo', { kind: 'history' }, (requestId) =>
        call(direction === 'undo' ? 'history.undo' : 'history.redo', { documentId: doc.id, annotator }, { requestId }),
      )
      const c = res.changes
      const gone = new Set(c.removedSpanIds)
      const goneRelations = new Set(c.removedRelationIds)
      const written = new Set(c.spans.map((s) => s.id))
      const writtenRelations = new Set(c.relations.map((r) => r.id))
      setSpans((all) => [...all.filter((s) => !gone.has(s.id) && !written.has(s.id)), ...c.spans].sort(byPosition))
      setRelations((all) =>
        [...all.filter((r) => !goneRelations.has(r.id) && !writtenRelations.has(r.id) && !gone.has(r.headId) && !gone.has(r.tailId)), ...c.relations].sort((a, b) => a.id - b.id),
      )
      return res
    },
    [doc, annotator, queue],
  )

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
  const drawnRelations = useMemo(() => (pendingRelations.length ? [...relations, ...pendingRelations] : relations), [relations, pendingRelations])
  const marks = useMemo(() => pendingMarks(edits), [edits])

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

  return { queue, load, spans, relations, spanById, shown, drawnRelations, edits, marks, addSpans, createSpans, deleteSpan, updateSpan, createRelation, deleteRelation, step }
}
