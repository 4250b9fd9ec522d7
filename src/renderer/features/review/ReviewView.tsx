import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import type { ChangeSinceDone, ReviewData } from '../../../shared/api/methods/review'
import type { LabelType } from '../../../shared/domain/model'
import { call } from '../../api/client'
import { DocumentEditor } from '../../editor/DocumentEditor'
import type { EditorHandle } from '../../editor/editorTypes'
import { CandidateEditor } from './CandidateEditor'
import { ChangedSinceDone, SinceLastFinish } from './ChangedSinceDone'
import { placeOfChange } from './changeWords'
import { ConflictPanel } from './ConflictPanel'
import { DisagreementCard } from './DisagreementCard'
import { DisagreementList } from './DisagreementList'
import { GoldList } from './GoldList'
import { buildMergedModel, nextOpenDisagreement, nextOpenReading } from './mergedModel'
import type { Reading } from './mergedModel'
import { PremergeDialog } from './PremergeDialog'
import './review.css'
import { reviewKeyIntent } from './reviewKeyIntent'
import { CHANGING, reviewKeyCommand } from './reviewKeys'
import { ReviewHeader } from './ReviewHeader'
import type { Mode } from './ReviewHeader'
import { ReviewStrip } from './ReviewStrip'
import { SideBySide } from './SideBySide'
import { useReviewActions } from './useReviewActions'

function isTyping(e: KeyboardEvent): boolean {
  const t = e.target as HTMLElement | null
  return !!t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT' || t.isContentEditable)
}


/**
 * Adjudication of one document: the annotators' layers merged (agreed items
 * solid; each distinct differing reading dashed, tagged with who gave it) or
 * side by side, and the gold layer built from them. Each reading is accepted
 * or rejected; when nothing is open the review can be marked done. Keys: see
 * REVIEW_SHORTCUTS (n/p, 1-9, Shift+A or Enter, a, x, e, m, v, Shift+D, Shift+R, Ctrl+Z, ?).
 */
export function ReviewView(props: { externalId: string; reviewer: string; labels: LabelType[] }) {
  const [data, setData] = useState<ReviewData | null>(null)
  const [loadError, setLoadError] = useState<string | null>(null)
  const [mode, setMode] = useState<Mode>('merged')
  const [current, setCurrent] = useState(-1)
  const [chosen, setChosen] = useState(0)
  const [editing, setEditing] = useState<Reading | null>(null)
  const [premergeOpen, setPremergeOpen] = useState(false)
  const [keysOpen, setKeysOpen] = useState(false)
  const handle = useRef<EditorHandle | null>(null)
  // After a decision: 'reading' moves the choice to the next open reading, 'disagreement' to the next open place.
  const advance = useRef<'reading' | 'disagreement' | null>(null)
  const actions = useReviewActions(data, setData, props.reviewer)

  const entityLabels = useMemo(() => props.labels.filter((l) => l.kind === 'entity'), [props.labels])
  const relationLabels = useMemo(() => props.labels.filter((l) => l.kind === 'relation'), [props.labels])
  const colors = useMemo(() => Object.fromEntries(props.labels.map((l) => [l.name, l.color])), [props.labels])

  // After a sync conflict is resolved, or a background sync brought one, the gold layer may have changed under the view: read it again.
  const reload = useCallback(() => {
    call('review.layers', { externalId: props.externalId })
      .then(setData)
      .catch((e: Error) => setLoadError(e.message))
  }, [props.externalId])

  useEffect(() => {
    let live = true
    call('review.layers', { externalId: props.externalId })
      .then((d) => live && setData(d))
      .catch((e: Error) => live && setLoadError(e.message))
    return () => {
      live = false
    }
  }, [props.externalId])

  const model = useMemo(() => (data ? buildMergedModel(data) : null), [data])
  const disagreements = useMemo(() => model?.disagreements ?? [], [model])
  const here = current >= 0 ? disagreements[current] : undefined

  const go = useCallback(
    (index: number) => {
      if (!disagreements.length) return
      const i = ((index % disagreements.length) + disagreements.length) % disagreements.length
      setCurrent(i)
      setChosen(Math.max(0, nextOpenReading(disagreements[i], 0)))
      setEditing(null)
      handle.current?.scrollToOffset(disagreements[i].start)
    },
    [disagreements],
  )

  const goToChange = useCallback(
    (c: ChangeSinceDone) => {
      const i = placeOfChange(disagreements, c)
      if (i >= 0) return go(i)
      if (c.kind !== 'layer') handle.current?.scrollToOffset(c.start)
      actions.flash('info', 'The layers agree there now: nothing to decide.')
    },
    [disagreements, go, actions],
  )

  // Once a decision is stored, move on: to the next open reading here, or (after "accept only this") the next open place.
  useEffect(() => {
    const step = advance.current
    advance.current = null
    if (!step || current < 0) return
    const open = nextOpenReading(disagreements[current], chosen)
    if (step === 'reading' && open >= 0) setChosen(open)
    else if (step === 'disagreement' || open < 0) {
      const next = nextOpenDisagreement(disagreements, current)
      if (next >= 0 && next !== current) go(next)
    }
    // Only on a new model: `chosen`/`current` are read as they were when the decision was made.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [disagreements])

  const decideThen = useCallback((step: 'reading' | 'disagreement', run: () => Promise<boolean>) => {
    void run().then((ok) => {
      if (ok) advance.current = step
    })
  }, [])
  const accept = useCallback((r: Reading) => decideThen('reading', () => actions.accept(r)), [actions, decideThen])
  const reject = useCallback((r: Reading) => decideThen(r.state === 'rejected' ? 'disagreement' : 'reading', () => actions.reject(r)), [actions, decideThen])
  const acceptOnly = useCallback((r: Reading) => here && decideThen('disagreement', () => actions.acceptOnly(here, r)), [actions, decideThen, here])

  const open = model?.open ?? 0
  const done = data?.status === 'adjudicated'
  const canFinish = !!data && !done && open === 0 && data.layers.length > 0

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (isTyping(e) || premergeOpen || editing) return
      const cmd = reviewKeyCommand({ key: e.key, shiftKey: e.shiftKey, ctrlKey: e.ctrlKey, metaKey: e.metaKey, altKey: e.altKey, targetTag: (e.target as HTMLElement | null)?.tagName })
      if (!cmd) return
      e.preventDefault()
      if (done && CHANGING.has(cmd.kind)) return actions.flash('info', 'This review is marked done: reopen it to change gold or a decision')
      const intent = reviewKeyIntent(cmd, { disagreements, current, chosen, open, done, layers: data?.layers.length ?? 0 })
      if (intent.kind === 'go') go(intent.index)
      if (intent.kind !== 'run') return intent.kind === 'say' ? actions.flash('info', intent.text) : intent.say && actions.flash('info', intent.say)
      const r = here?.readings[chosen]
      if (cmd.kind === 'undo') void actions.undoGold()
      else if (cmd.kind === 'toggleView') setMode((m) => (m === 'merged' ? 'side' : 'merged'))
      else if (cmd.kind === 'premerge' && data?.layers.length) setPremergeOpen(true)
      else if (cmd.kind === 'keys') setKeysOpen((o) => !o)
      else if (cmd.kind === 'choose' && here && cmd.index < here.readings.length) setChosen(cmd.index)
      else if (cmd.kind === 'acceptOnly' && r) acceptOnly(r)
      else if (cmd.kind === 'accept' && r) accept(r)
      else if (cmd.kind === 'reject' && r) reject(r)
      else if (cmd.kind === 'edit' && r) setEditing(r)
      else if (cmd.kind === 'done' && canFinish) void actions.markDone(true)
      else if (cmd.kind === 'reopen' && done) void actions.markDone(false)
      else if (cmd.kind === 'escape') (keysOpen ? setKeysOpen(false) : setCurrent(-1))
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [here, chosen, current, disagreements, open, go, accept, reject, acceptOnly, actions, premergeOpen, editing, keysOpen, canFinish, done, data])

  const highlightSpanIds = useMemo(() => (here ? here.spanIds : []), [here])
  const paint = useMemo(
    () =>
      model
        ? { spans: model.spans, relations: model.relations, colors, selectedSpanId: null, selectedRelationId: null, highlightSpanIds, decorate: model.decorate }
        : null,
    [model, colors, highlightSpanIds],
  )

  if (loadError) return <div className="panel-error">Cannot open the review of {props.externalId}: {loadError}</div>
  if (!data || !model || !paint) return <div className="app-loading">Opening the review of {props.externalId}…</div>

  const n = data.layers.length
  return (
    <section className="review" data-testid="review-view" data-mode={mode}>
      <ReviewHeader
        data={data}
        reviewer={props.reviewer}
        mode={mode}
        onMode={setMode}
        open={open}
        onUndoGold={() => void actions.undoGold()}
        onPremerge={() => setPremergeOpen(true)}
        onMarkDone={(d) => void actions.markDone(d)}
      />
      <ReviewStrip data={data} model={model} keysOpen={keysOpen} onToggleKeys={() => setKeysOpen((o) => !o)} />
      {data.changedSinceDone > 0 && <ChangedSinceDone changed={data.changedSinceDone} changes={data.changesSinceDone} text={data.document.text} onReopen={() => void actions.markDone(false)} onGo={goToChange} />}
      {data.sinceLastFinish && <SinceLastFinish changed={data.sinceLastFinish.changed} changes={data.sinceLastFinish.changes} text={data.document.text} onGo={goToChange} />}
      {actions.message && (
        <div className={`toast toast-${actions.message.kind}`} role={actions.message.kind === 'error' ? 'alert' : 'status'}>
          {actions.message.text}
        </div>
      )}
      <div className={`review-body review-body--${mode}`}>
        {mode === 'merged' ? (
          <div className="document-scroll">
            <DocumentEditor
              text={data.document.text}
              paint={paint}
              onReady={(h) => (handle.current = h)}
              onSpanClick={(id) => {
                const i = disagreements.findIndex((d) => d.kind === 'span' && d.readings.some((r) => r.itemIds.includes(id)))
                if (i < 0) return
                setCurrent(i)
                setChosen(Math.max(0, disagreements[i].readings.findIndex((r) => r.itemIds.includes(id))))
                setEditing(null)
              }}
            />
          </div>
        ) : (
          <SideBySide data={data} colors={colors} marks={model.marks} highlight={here} />
        )}
        <aside className="side review-side">
          <ConflictPanel documentId={data.document.id} onChanged={reload} />
          <DisagreementCard
            here={here}
            index={current}
            total={disagreements.length}
            chosen={chosen}
            text={data.document.text}
            colors={colors}
            marks={model.marks}
            frozen={done}
            onChoose={setChosen}
            onAccept={accept}
            onAcceptOnly={acceptOnly}
            onReject={reject}
            onEdit={setEditing}
            onStep={(d) => go(current < 0 ? (d > 0 ? 0 : disagreements.length - 1) : current + d)}
          />
          {editing && (
            <CandidateEditor
              key={editing.key}
              candidate={editing}
              text={data.document.text}
              labels={editing.kind === 'span' ? entityLabels : relationLabels}
              onAccept={(edit) => decideThen('reading', () => actions.accept(editing, edit).then((ok) => (ok && setEditing(null), ok)))}
              onCancel={() => setEditing(null)}
            />
          )}
          <DisagreementList disagreements={disagreements} current={current} text={data.document.text} marks={model.marks} onGo={go} />
          <GoldList gold={data.gold} text={data.document.text} colors={colors} />
        </aside>
      </div>
      {premergeOpen && (
        <PremergeDialog
          annotators={n}
          onConfirm={(q) => void actions.premerge(q).then((ok) => ok && setPremergeOpen(false))}
          onCancel={() => setPremergeOpen(false)}
        />
      )}
    </section>
  )
}
