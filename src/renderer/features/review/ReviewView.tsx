import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import type { ReviewData, ReviewEdit, ReviewStatus } from '../../../shared/api/methods/review'
import type { LabelType } from '../../../shared/domain/model'
import { call } from '../../api/client'
import { DocumentEditor } from '../../editor/DocumentEditor'
import type { EditorHandle } from '../../editor/editorTypes'
import { CandidateEditor } from './CandidateEditor'
import { DisagreementCard } from './DisagreementCard'
import { GoldList } from './GoldList'
import { buildMergedModel } from './mergedModel'
import type { Candidate } from './mergedModel'
import { PremergeDialog } from './PremergeDialog'
import './review.css'
import { REVIEW_STATUS_LABEL } from './ReviewBadge'
import { AGREEMENT_HREF } from './reviewRoute'
import { SideBySide } from './SideBySide'

function isTyping(e: KeyboardEvent): boolean {
  const t = e.target as HTMLElement | null
  return !!t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT' || t.isContentEditable)
}

type Mode = 'merged' | 'side'

/**
 * Adjudication of one document: the annotators' layers merged (agreed items
 * solid, differing ones dashed, who labelled what beside them) or side by
 * side, and the gold layer built from them. Keyboard: n/p next/previous
 * disagreement, 1-9 choose an annotator's item, a accept, x reject, e edit
 * then accept, m pre-merge, v switch view, Ctrl+Z undo in gold.
 */
export function ReviewView(props: { externalId: string; reviewer: string; labels: LabelType[] }) {
  const [data, setData] = useState<ReviewData | null>(null)
  const [loadError, setLoadError] = useState<string | null>(null)
  const [mode, setMode] = useState<Mode>('merged')
  const [current, setCurrent] = useState(-1)
  const [chosen, setChosen] = useState(0)
  const [editing, setEditing] = useState<Candidate | null>(null)
  const [premergeOpen, setPremergeOpen] = useState(false)
  const [message, setMessage] = useState<{ kind: 'error' | 'info'; text: string } | null>(null)
  const handle = useRef<EditorHandle | null>(null)
  const sideHandles = useRef<EditorHandle[]>([])
  const busy = useRef(false)

  const entityLabels = useMemo(() => props.labels.filter((l) => l.kind === 'entity'), [props.labels])
  const relationLabels = useMemo(() => props.labels.filter((l) => l.kind === 'relation'), [props.labels])
  const colors = useMemo(() => Object.fromEntries(props.labels.map((l) => [l.name, l.color])), [props.labels])

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
  const disagreements = model?.disagreements ?? []
  const here = current >= 0 ? disagreements[current] : undefined

  const flash = useCallback((kind: 'error' | 'info', text: string) => {
    setMessage({ kind, text })
    window.setTimeout(() => setMessage((m) => (m?.text === text ? null : m)), kind === 'error' ? 6000 : 3000)
  }, [])

  const go = useCallback(
    (index: number) => {
      if (!disagreements.length) return
      const i = ((index % disagreements.length) + disagreements.length) % disagreements.length
      setCurrent(i)
      setChosen(0)
      setEditing(null)
      const at = disagreements[i].start
      handle.current?.scrollToOffset(at)
      for (const h of sideHandles.current) h?.scrollToOffset(at)
    },
    [disagreements],
  )

  /** Runs one review call; the answer is the document's review as it now is. */
  const act = useCallback(
    async (what: string, fn: () => Promise<ReviewData | { review: ReviewData; message: string }>) => {
      if (busy.current) return
      busy.current = true
      try {
        const r = await fn()
        setData('message' in r ? r.review : r)
        flash('info', 'message' in r ? r.message : what)
      } catch (e) {
        flash('error', (e as Error).message)
      } finally {
        busy.current = false
      }
    },
    [flash],
  )

  const accept = useCallback(
    (c: Candidate, edit?: ReviewEdit) =>
      act(`Accepted ${edit?.label ?? c.label} from ${c.annotator}${edit ? ' (edited)' : ''} into gold`, async () => {
        const r = await call('review.accept', { reviewer: props.reviewer, item: { kind: c.kind, id: c.id }, ...(edit ? { edit } : {}) })
        setEditing(null)
        return r.review
      }),
    [act, props.reviewer],
  )
  const reject = useCallback(
    (c: Candidate) =>
      act(c.rejected ? `Took back the rejection of ${c.annotator}'s ${c.label}` : `Rejected ${c.annotator}'s ${c.label}`, () =>
        call('review.reject', { reviewer: props.reviewer, item: { kind: c.kind, id: c.id }, rejected: !c.rejected }),
      ),
    [act, props.reviewer],
  )
  const premerge = useCallback(
    (quorum: number) =>
      act(`Pre-merged items ${quorum} of ${data?.layers.length ?? 0} annotators agree on`, async () => {
        const r = await call('review.premerge', { documentId: data!.document.id, reviewer: props.reviewer, quorum })
        setPremergeOpen(false)
        return { review: r.review, message: `Pre-merge copied ${r.spans} span(s) and ${r.relations} relation(s) into gold` }
      }),
    [act, data, props.reviewer],
  )
  const undoGold = useCallback(
    () =>
      act('Undid the last gold change', async () => {
        const step = await call('history.undo', { documentId: data!.document.id, annotator: 'gold' })
        if (!step.entry) throw new Error('Nothing to undo in gold')
        return call('review.layers', { documentId: data!.document.id })
      }),
    [act, data],
  )
  const setStatus = useCallback(
    (status: ReviewStatus) =>
      act(`Marked ${REVIEW_STATUS_LABEL[status].toLowerCase()}`, async () => {
        await call('review.setStatus', { documentId: data!.document.id, reviewer: props.reviewer, status })
        return call('review.layers', { documentId: data!.document.id })
      }),
    [act, data, props.reviewer],
  )

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (isTyping(e) || premergeOpen || editing) return
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'z') {
        e.preventDefault()
        void undoGold()
        return
      }
      if (e.ctrlKey || e.metaKey || e.altKey) return
      const c = here?.candidates[chosen]
      if (e.key === 'n') go(current + 1)
      else if (e.key === 'p') go(current < 0 ? -1 : current - 1)
      else if (e.key === 'v') setMode((m) => (m === 'merged' ? 'side' : 'merged'))
      else if (e.key === 'm') setPremergeOpen(true)
      else if (/^[1-9]$/.test(e.key) && here && Number(e.key) <= here.candidates.length) setChosen(Number(e.key) - 1)
      else if (e.key === 'a' && c) void accept(c)
      else if (e.key === 'x' && c) void reject(c)
      else if (e.key === 'e' && c) setEditing(c)
      else if (e.key === 'Escape') setCurrent(-1)
      else return
      e.preventDefault()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [here, chosen, current, go, accept, reject, undoGold, premergeOpen, editing])

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

  const open = disagreements.filter((d) => !d.resolved).length
  const n = data.layers.length
  return (
    <section className="review" data-testid="review-view" data-mode={mode}>
      <div className="annotate-head review-head">
        <a href={AGREEMENT_HREF} className="back" aria-label="Back to the agreement dashboard">
          ←
        </a>
        <div className="annotate-title">
          <h1>{data.document.title}</h1>
          <span className="mono muted">
            {data.document.externalId} · review by {props.reviewer} · {n} layer{n === 1 ? '' : 's'}: {data.layers.map((l) => l.annotator).join(', ') || 'none'}
          </span>
        </div>
        <div className="segmented" role="group" aria-label="View">
          <button className={mode === 'merged' ? 'on' : ''} onClick={() => setMode('merged')} title="Merged (v)">
            Merged
          </button>
          <button className={mode === 'side' ? 'on' : ''} onClick={() => setMode('side')} title="Side by side (v)">
            Side by side
          </button>
        </div>
        <button className="btn" onClick={() => void undoGold()} title="Undo the last gold change (Ctrl+Z)">
          ↶ Undo gold
        </button>
        <button className="btn" onClick={() => setPremergeOpen(true)} title="Pre-merge agreed items (m)" disabled={n === 0}>
          Pre-merge…
        </button>
        <select className="review-status-select" aria-label="Review status" value={data.status} onChange={(e) => void setStatus(e.target.value as ReviewStatus)}>
          {(Object.keys(REVIEW_STATUS_LABEL) as ReviewStatus[]).map((s) => (
            <option key={s} value={s}>
              {REVIEW_STATUS_LABEL[s]}
            </option>
          ))}
        </select>
      </div>
      <div className="review-strip">
        <span className="stat" data-testid="disagreement-count">
          <strong>{disagreements.length}</strong> disagreement{disagreements.length === 1 ? '' : 's'}
        </span>
        <span className="stat">
          <strong>{open}</strong> open
        </span>
        <span className="stat">
          <strong>{model.agreedSpans}</strong> agreed span{model.agreedSpans === 1 ? '' : 's'}, <strong>{model.agreedRelations}</strong> relation
          {model.agreedRelations === 1 ? '' : 's'}
        </span>
        <span className="stat stat-gold" data-testid="gold-count">
          gold: <strong>{data.gold.spans.length}</strong> span{data.gold.spans.length === 1 ? '' : 's'}, <strong>{data.gold.relations.length}</strong> relation
          {data.gold.relations.length === 1 ? '' : 's'}
        </span>
        <span className="legend">
          <span className="legend-agreed">agreed</span>
          <span className="legend-differs">differs</span>
          <span className="legend-rejected">rejected</span>
        </span>
        <span className="keys muted">
          <kbd>n</kbd>/<kbd>p</kbd> next/prev · <kbd>1</kbd>–<kbd>9</kbd> choose · <kbd>a</kbd> accept · <kbd>x</kbd> reject · <kbd>e</kbd> edit · <kbd>m</kbd> pre-merge
        </span>
      </div>
      {message && (
        <div className={`toast toast-${message.kind}`} role={message.kind === 'error' ? 'alert' : 'status'}>
          {message.text}
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
                const i = disagreements.findIndex((d) => d.kind === 'span' && d.candidates.some((c) => c.id === id))
                if (i >= 0) {
                  setCurrent(i)
                  setChosen(Math.max(0, disagreements[i].candidates.findIndex((c) => c.id === id)))
                  setEditing(null)
                }
              }}
            />
          </div>
        ) : (
          <SideBySide data={data} colors={colors} highlight={here} onReady={(i, h) => (sideHandles.current[i] = h)} />
        )}
        <aside className="side review-side">
          <DisagreementCard
            here={here}
            index={current}
            total={disagreements.length}
            chosen={chosen}
            text={data.document.text}
            colors={colors}
            onChoose={setChosen}
            onAccept={(c) => void accept(c)}
            onReject={(c) => void reject(c)}
            onEdit={setEditing}
            onStep={(d) => go(current < 0 && d < 0 ? -1 : current + d)}
          />
          {editing && (
            <CandidateEditor
              key={`${editing.kind}${editing.id}`}
              candidate={editing}
              text={data.document.text}
              labels={editing.kind === 'span' ? entityLabels : relationLabels}
              onAccept={(edit) => void accept(editing, edit)}
              onCancel={() => setEditing(null)}
            />
          )}
          <h2>Disagreements</h2>
          <ol className="disagreement-list" data-testid="disagreement-list">
            {disagreements.map((d, i) => (
              <li key={d.key} className={`${i === current ? 'current' : ''} ${d.resolved ? 'resolved' : ''}`} onClick={() => go(i)}>
                <span className={`diff-kind diff-${d.difference}`}>{d.difference}</span>
                <span className="span-text">{d.kind === 'relation' ? '↷ ' : ''}{JSON.stringify(data.document.text.slice(d.start, d.end).slice(0, 40))}</span>
                <span className="who muted">{d.candidates.map((c) => `${c.annotator}:${c.label}`).join(' ')}</span>
                {d.resolved && <span className="done-mark" title="Gold covers this">✓</span>}
              </li>
            ))}
            {!disagreements.length && <li className="muted">The layers agree everywhere.</li>}
          </ol>
          <GoldList gold={data.gold} text={data.document.text} colors={colors} />
        </aside>
      </div>
      {premergeOpen && <PremergeDialog annotators={n} onConfirm={(q) => void premerge(q)} onCancel={() => setPremergeOpen(false)} />}
    </section>
  )
}
