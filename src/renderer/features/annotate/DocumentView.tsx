import { useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react'
import type { DocumentRecord, LabelType } from '../../../shared/domain/model'
import { allowedRelationTypes } from '../../../shared/schema/annotationRules'
import { DocumentEditor } from '../../editor/DocumentEditor'
import type { EditorHandle } from '../../editor/editorTypes'
import { HelpOverlay } from '../../components/help/HelpOverlay'
import { SuggestionBar, useSuggestions } from '../recommend'
import './annotate.css'
import { AnnotateHeader } from './AnnotateHeader'
import { AnnotateSide } from './AnnotateSide'
import { DocumentSearch } from './DocumentSearch'
import { answeredDocument, loadDocument } from './documentLoad'
import { RelationPrompt, Toast, UnsavedBanner } from './EditBanners'
import { OtherLayersNotice } from './OtherLayersNotice'
import { LabelAllPreview } from './LabelAllPreview'
import { LabelPalette } from './LabelPalette'
import { RelationTypeMenu } from './RelationTypeMenu'
import { spanName } from './relationFlow'
import type { RelationFlow } from './relationFlow'
import { SnapToggle } from './SnapToggle'
import { useTextSize } from './textSize'
import { useTokenSnapping } from './tokenSnapping'
import { useAnnotateKeys } from './useAnnotateKeys'
import { quote, useLayerEdits } from './useLayerEdits'
import { useArticlePaint } from './useArticlePaint'
import { useDocumentSearch } from './useDocumentSearch'
import { useDocumentStatus } from './useDocumentStatus'
import { useFlash } from './useFlash'

/**
 * One document, one annotator's layer: select text (or Shift+arrows, token by
 * token) and press a label's key; with a span selected, a label's key
 * relabels it. Tab and the arrows move between spans; `r` starts a relation;
 * Ctrl+Z / Ctrl+Shift+Z undo and redo; `/` searches and can label every
 * match; Ctrl+Enter marks the document done and opens the next one; `?` lists
 * every key (keyCommands.ts is the table).
 */
export function DocumentView(props: { externalId: string; annotator: string; labels: LabelType[] }) {
  // Already answered at a start on this link: the first render paints the document (no second render).
  const [known] = useState(() => answeredDocument(props.externalId, props.annotator))
  const [doc, setDoc] = useState<DocumentRecord | null>(known?.doc ?? null)
  const [selectedId, setSelectedId] = useState<number | null>(null)
  const [selectedRelationId, setSelectedRelationId] = useState<number | null>(null)
  const [flow, setFlow] = useState<RelationFlow | null>(null)
  const [loadError, setLoadError] = useState<string | null>(null)
  const [helpOpen, setHelpOpen] = useState(false)
  const handle = useRef<EditorHandle | null>(null)
  const { snapping, setSnapping, snap } = useTokenSnapping(doc?.text ?? null)
  const textSize = useTextSize()
  const entityLabels = useMemo(() => props.labels.filter((l) => l.kind === 'entity'), [props.labels])
  const colors = useMemo(() => Object.fromEntries(props.labels.map((l) => [l.name, l.color])), [props.labels])
  const hotkeys = useMemo(() => new Map(entityLabels.filter((l) => l.hotkey).map((l) => [l.hotkey!.toLowerCase(), l.name])), [entityLabels])

  const { message, flash } = useFlash()
  const touched = useCallback(() => docStatus.touched(), [])
  const layer = useLayerEdits(doc, props.annotator, flash, touched, known?.layer)
  const docStatus = useDocumentStatus(doc, props.annotator, layer.queue, layer.edits.length, flash)
  const { status, setStatus, markDone, finishAndNext } = docStatus
  const { shown, spanById, marks } = layer
  const text = doc?.text ?? ''
  const finder = useDocumentSearch(doc?.text ?? null, handle)
  const { search, found, activeHit } = finder
  const deselectSpan = useCallback(() => {
    setSelectedId(null)
    setSelectedRelationId(null)
  }, [])
  const suggestions = useSuggestions(doc, props.annotator, layer, handle, flash, deselectSpan)

  useEffect(
    () =>
      loadDocument(props.externalId, props.annotator, {
        loaded: (d, l) => (setDoc(d), layer.load(l)),
        status: (listed) => setStatus((st) => (st === 'todo' ? listed : st)),
        failed: setLoadError,
      }, known),
    [props.externalId, props.annotator],
  )

  const select = useCallback((id: number | null) => {
    setSelectedId(id)
    setSelectedRelationId(null)
    suggestions.setFocusedKey(null)
  }, [])

  /** A label's key or button: labels the selected text; with no text selected, relabels the selected span. */
  const label = useCallback(
    (name: string) => {
      const drawn = handle.current?.selectionOffsets()
      if (drawn) {
        // Cleared now, not after the save: a selection made while the save is in flight must not be wiped by it.
        window.getSelection()?.removeAllRanges()
        let temp: number | null = null
        void layer.createSpans(name, [snap(drawn)], ([id]) => select((temp = id))).then((saved) => setSelectedId((id) => (id === temp ? (saved?.[0]?.id ?? null) : id)))
      } else if (selectedId !== null && selectedId < 0) flash('info', 'That span is still being saved; relabel it once it is.')
      else if (selectedId !== null) {
        const s = spanById.get(selectedId)
        if (s && s.label !== name) void layer.updateSpan(selectedId, { label: name }).then((ok) => ok && flash('info', `Relabelled ${quote(s, text)} as ${name}.`))
      } else if (!suggestions.keys.accept(name)) flash('info', `Select some text (or a span) first, then press ${entityLabels.find((l) => l.name === name)?.hotkey ?? name}.`)
    },
    [layer, snap, select, selectedId, spanById, text, flash, entityLabels, suggestions.keys],
  )

  /** The type menu for a picked pair, or a refusal naming the labels when the schema allows no type. */
  const chooseType = useCallback(
    (headId: number, tailId: number) => {
      const head = spanById.get(headId)
      const tail = spanById.get(tailId)
      if (!head || !tail) return
      if (head.id === tail.id) return flash('error', 'A relation needs two different spans.')
      const options = allowedRelationTypes(props.labels, head.label, tail.label)
      if (options.length) return setFlow({ phase: 'type', headId, tailId, options, active: 0 })
      setFlow(null)
      flash('error', `No relation type allows ${head.label} → ${tail.label} (from ${spanName(head, text)} to ${spanName(tail, text)}).`)
    },
    [spanById, text, props.labels, flash],
  )
  const createRelation = useCallback(
    (headId: number, tailId: number, type: LabelType) => {
      setFlow(null)
      let temp: number | null = null
      const pick = (id: number) => {
        setSelectedId(null)
        setSelectedRelationId((temp = id))
      }
      void layer.createRelation(headId, tailId, type.name, pick).then((r) => setSelectedRelationId((id) => (id === temp ? (r?.id ?? null) : id)))
    },
    [layer],
  )

  const step = useCallback(
    (direction: 'undo' | 'redo') => {
      layer
        .step(direction)
        .then((res) => {
          if (!res) return
          setFlow(null)
          setSelectedId((id) => (id !== null && res.changes.removedSpanIds.includes(id) ? null : id))
          setSelectedRelationId((id) => (id !== null && res.changes.removedRelationIds.includes(id) ? null : id))
          flash('info', res.entry ? `${direction === 'undo' ? 'Undid' : 'Redid'}: ${res.entry.summary}` : direction === 'undo' ? 'Nothing to undo.' : 'Nothing to redo.')
        })
        .catch((e: Error) => flash('error', e.message))
    },
    [layer, flash],
  )

  const labelAll = useCallback(
    (name: string, ranges: { start: number; end: number }[]) => {
      finder.setLabelAll(false)
      void layer.createSpans(name, ranges).then((saved) => saved && flash('info', `Labelled ${saved.length} ${saved.length === 1 ? 'match' : 'matches'} as ${name}. Ctrl+Z takes them all back.`))
    },
    [layer, flash, finder.setLabelAll],
  )
  // Bring the tail candidate of a relation being made into view as the keyboard moves it.
  const candidateId = flow?.phase === 'tail' ? flow.candidateId : null
  useEffect(() => {
    const s = candidateId !== null ? spanById.get(candidateId) : undefined
    if (s) handle.current?.scrollToOffset(s.start)
  }, [candidateId, spanById])

  useAnnotateKeys({
    ctx: { helpOpen, flow: flow && (flow.phase === 'tail' ? { phase: 'tail' } : { phase: 'type', typeCount: flow.options.length }), selectedSpan: selectedId !== null, selectedRelation: selectedRelationId !== null, searchOpen: !!search, hotkeys, suggestions: suggestions.offered.length, suggestionFocused: suggestions.focusedIndex !== null },
    suspended: !!search?.labelAll,
    text,
    shown,
    selectedId,
    selectedRelationId,
    flow,
    handle: handle.current,
    select,
    setFlow,
    setHelpOpen,
    setSearchOpen: finder.setOpen,
    flash,
    label,
    step,
    finishAndNext: () => void finishAndNext(),
    deleteSpan: (id) => {
      select(null)
      void layer.deleteSpan(id)
    },
    deleteRelation: (id) => {
      setSelectedRelationId(null)
      layer.deleteRelation(id)
    },
    chooseType,
    createRelation: (h, t, i) => flow?.phase === 'type' && createRelation(h, t, flow.options[i]),
    toggleSnapping: () => {
      setSnapping(!snapping)
      flash('info', `Token snapping ${snapping ? 'off: spans keep the selection as drawn' : 'on: selections grow to whole words'}.`)
    },
    textSize: textSize.step,
    suggestions: suggestions.keys,
  })

  const paint = useArticlePaint({ shown, relations: layer.drawnRelations, colors, selectedId, selectedRelationId, flow, marks, found, activeHit, suggestions: suggestions.offered, focusedSuggestion: suggestions.focusedIndex })
  // The side panels follow the article in a deferred render: a hotkey repaints the article at once, the panels a moment later.
  const listed = useDeferredValue(shown)
  const listedSelectedId = useDeferredValue(selectedId)

  if (loadError) return <div className="panel-error">Cannot open {props.externalId}: {loadError}</div>
  if (!doc) return <div className="app-loading">Opening {props.externalId}…</div>
  const head = flow ? spanById.get(flow.headId) : undefined
  const typeHead = flow?.phase === 'type' ? spanById.get(flow.headId) : undefined
  const typeTail = flow?.phase === 'type' ? spanById.get(flow.tailId) : undefined

  return (
    <section className="annotate" style={{ ['--text-size' as string]: `${textSize.size}px` }}>
      <AnnotateHeader doc={doc} status={status} textSize={textSize.size} onStep={step} onTextSize={textSize.step} onMarkDone={markDone} onFinishAndNext={() => void finishAndNext()} onHelp={() => setHelpOpen(true)} />
      <LabelPalette labels={entityLabels} spans={listed} onPick={(l) => label(l.name)}>
        <SnapToggle on={snapping} onChange={setSnapping} />
      </LabelPalette>
      {flow?.phase === 'tail' && head && <RelationPrompt head={head} candidate={flow.candidateId !== null ? spanById.get(flow.candidateId) : undefined} text={text} />}
      <UnsavedBanner total={layer.edits.length} unsaved={marks.unsaved} />
      <OtherLayersNotice documentId={doc.id} externalId={doc.externalId} annotator={props.annotator} ownEmpty={!shown.length && !layer.edits.length} />
      <Toast message={message} />
      <div className="annotate-body">
        <SuggestionBar suggestions={suggestions} />
        <div className="document-scroll">
          {search && found && (
            <div className="doc-search-dock">
              <DocumentSearch query={search.query} hitCount={found.hits.length} capped={found.capped} active={activeHit} onQuery={finder.setQuery} onStep={finder.step} onClose={() => finder.setOpen(false)} onLabelAll={() => finder.setLabelAll(true)} />
              {search.labelAll && (
                <LabelAllPreview text={text} query={search.query} hits={found.hits} spans={shown} labels={entityLabels} initialLabel={selectedId !== null ? spanById.get(selectedId)?.label : undefined} onConfirm={labelAll} onClose={() => finder.setLabelAll(false)} />
              )}
            </div>
          )}
          <DocumentEditor
            text={doc.text}
            title={doc.title}
            paint={paint}
            onReady={(h) => (handle.current = h)}
            onSpanClick={(id) => (flow?.phase === 'tail' ? id !== flow.headId && id > 0 && chooseType(flow.headId, id) : select(id))}
            onRelationClick={(id) => {
              setSelectedId(null)
              setSelectedRelationId(id)
            }}
            onSpanDragOnto={(headId, tailId) => headId > 0 && tailId > 0 && chooseType(headId, tailId)}
            onSuggestionClick={suggestions.focus}
            onWindowChange={suggestions.onWindow}
          />
        </div>
        <AnnotateSide doc={doc} annotator={props.annotator} labels={entityLabels} colors={colors} layer={layer} listed={listed} selectedId={listedSelectedId} selectedRelationId={selectedRelationId} select={select} selectRelation={(id) => { setSelectedId(null); setSelectedRelationId(id) }} handle={handle} />
      </div>
      {flow?.phase === 'type' && typeHead && typeTail && (
        <RelationTypeMenu headName={spanName(typeHead, text)} tailName={spanName(typeTail, text)} tailId={flow.tailId} options={flow.options} active={flow.active} onPick={(l) => createRelation(flow.headId, flow.tailId, l)} onCancel={() => setFlow(null)} />
      )}
      {helpOpen && <HelpOverlay labels={props.labels} snapping={snapping} onClose={() => setHelpOpen(false)} />}
    </section>
  )
}
