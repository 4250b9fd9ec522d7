import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import type { DocStatus, DocumentRecord, LabelType, Relation, Span } from '../../../shared/domain/model'
import { call } from '../../api/client'
import { DocumentEditor } from '../../editor/DocumentEditor'
import type { EditorHandle } from '../../editor/editorTypes'
import { StatusBadge } from '../library/LibraryView'
import { LabelPalette } from './LabelPalette'
import { SpanList } from './SpanList'

function isTyping(e: KeyboardEvent): boolean {
  const t = e.target as HTMLElement | null
  return !!t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT' || t.isContentEditable)
}

/** One document, one annotator's layer: select text, press a label's key, see the span. */
export function DocumentView(props: { externalId: string; annotator: string; labels: LabelType[] }) {
  const [doc, setDoc] = useState<DocumentRecord | null>(null)
  const [spans, setSpans] = useState<Span[]>([])
  const [relations, setRelations] = useState<Relation[]>([])
  const [status, setStatus] = useState<DocStatus>('todo')
  const [selectedId, setSelectedId] = useState<number | null>(null)
  const [message, setMessage] = useState<{ kind: 'error' | 'info'; text: string } | null>(null)
  const [loadError, setLoadError] = useState<string | null>(null)
  const handle = useRef<EditorHandle | null>(null)

  const entityLabels = useMemo(() => props.labels.filter((l) => l.kind === 'entity'), [props.labels])
  const colors = useMemo(() => Object.fromEntries(props.labels.map((l) => [l.name, l.color])), [props.labels])
  const hotkeys = useMemo(() => new Map(entityLabels.filter((l) => l.hotkey).map((l) => [l.hotkey!.toLowerCase(), l])), [entityLabels])

  useEffect(() => {
    let live = true
    call('documents.get', { externalId: props.externalId })
      .then(async (d) => {
        const [layer, list] = await Promise.all([
          call('annotations.get', { documentId: d.id, annotator: props.annotator }),
          call('documents.list', { annotator: props.annotator, query: undefined }),
        ])
        if (!live) return
        setDoc(d)
        setSpans(layer.spans)
        setRelations(layer.relations)
        setStatus(list.find((x) => x.id === d.id)?.status ?? 'todo')
      })
      .catch((e: Error) => live && setLoadError(e.message))
    return () => {
      live = false
    }
  }, [props.externalId, props.annotator])

  const flash = useCallback((kind: 'error' | 'info', text: string) => {
    setMessage({ kind, text })
    window.setTimeout(() => setMessage((m) => (m?.text === text ? null : m)), 4000)
  }, [])

  const createSpan = useCallback(
    async (label: LabelType) => {
      if (!doc || !handle.current) return
      const sel = handle.current.selectionOffsets()
      if (!sel) {
        flash('info', `Select some text first, then press ${label.hotkey ?? label.name}.`)
        return
      }
      // Clear the selection now, not after the save: a selection made while
      // the save is in flight must not be wiped (or restored over) by it.
      window.getSelection()?.removeAllRanges()
      try {
        const span = await call('spans.create', { documentId: doc.id, annotator: props.annotator, label: label.name, ...sel })
        setSpans((s) => [...s, span].sort((a, b) => a.start - b.start || b.end - a.end || a.id - b.id))
        setSelectedId(span.id)
        if (status === 'todo') setStatus('in_progress')
      } catch (e) {
        flash('error', (e as Error).message)
      }
    },
    [doc, props.annotator, flash, status],
  )

  const deleteSpan = useCallback(
    async (id: number) => {
      try {
        await call('spans.delete', { id })
        setSpans((s) => s.filter((x) => x.id !== id))
        setRelations((r) => r.filter((x) => x.headId !== id && x.tailId !== id))
        setSelectedId(null)
      } catch (e) {
        flash('error', (e as Error).message)
      }
    },
    [flash],
  )

  const markDone = useCallback(async () => {
    if (!doc) return
    const next: DocStatus = status === 'done' ? 'in_progress' : 'done'
    await call('documents.setStatus', { documentId: doc.id, annotator: props.annotator, status: next })
    setStatus(next)
  }, [doc, status, props.annotator])

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (isTyping(e) || e.altKey || e.metaKey || e.ctrlKey) return
      if ((e.key === 'Delete' || e.key === 'Backspace') && selectedId !== null) {
        e.preventDefault()
        void deleteSpan(selectedId)
        return
      }
      if (e.key === 'Escape') {
        setSelectedId(null)
        window.getSelection()?.removeAllRanges()
        return
      }
      const label = hotkeys.get(e.key.toLowerCase())
      if (label) {
        e.preventDefault()
        void createSpan(label)
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [hotkeys, selectedId, createSpan, deleteSpan])

  const paint = useMemo(() => ({ spans, relations, colors, selectedSpanId: selectedId, selectedRelationId: null }), [spans, relations, colors, selectedId])
  const counts = useMemo(() => {
    const c: Record<string, number> = {}
    for (const s of spans) c[s.label] = (c[s.label] ?? 0) + 1
    return c
  }, [spans])

  if (loadError) return <div className="panel-error">Cannot open {props.externalId}: {loadError}</div>
  if (!doc) return <div className="app-loading">Opening {props.externalId}…</div>

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
        <StatusBadge status={status} />
        <button className="btn" onClick={() => void markDone()}>
          {status === 'done' ? 'Reopen' : 'Mark done'}
        </button>
      </div>
      <LabelPalette labels={entityLabels} counts={counts} onPick={(l) => void createSpan(l)} />
      {message && (
        <div className={`toast toast-${message.kind}`} role={message.kind === 'error' ? 'alert' : 'status'}>
          {message.text}
        </div>
      )}
      <div className="annotate-body">
        <div className="document-scroll">
          <DocumentEditor
            text={doc.text}
            paint={paint}
            onReady={(h) => (handle.current = h)}
            onSpanClick={(id) => setSelectedId(id)}
          />
        </div>
        <aside className="side">
          <SpanList
            spans={spans}
            relations={relations}
            text={doc.text}
            colors={colors}
            selectedId={selectedId}
            onSelect={setSelectedId}
            onDelete={(id) => void deleteSpan(id)}
          />
        </aside>
      </div>
    </section>
  )
}
