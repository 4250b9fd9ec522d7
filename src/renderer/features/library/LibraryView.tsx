import { useEffect, useMemo, useState } from 'react'
import type { LibraryEntry, SearchMatch } from '../../../shared/api/methods/documents'
import type { DocStatus, LabelType } from '../../../shared/domain/model'
import { call } from '../../api/client'
import { documentHref } from '../../app/useHashRoute'
import { ReviewBadge } from '../review/ReviewBadge'
import { reviewHref } from '../review/reviewRoute'
import './library.css'

const STATUS_LABEL: Record<DocStatus, string> = { todo: 'To do', in_progress: 'In progress', done: 'Done' }
const STATUSES: DocStatus[] = ['todo', 'in_progress', 'done']

export function StatusBadge({ status }: { status: DocStatus }) {
  return (
    <span className={`status status-${status}`} data-testid="doc-status">
      {STATUS_LABEL[status]}
    </span>
  )
}

/** The first search hit in context, the hit marked. */
function Snippet({ match }: { match: SearchMatch }) {
  if (match.field === 'title') return null // the title cell already shows it, marked
  return (
    <div className="snippet" data-testid="snippet">
      {match.field === 'id' && <span className="snippet-field">id </span>}
      {match.before}
      <mark>{match.match}</mark>
      {match.after}
    </div>
  )
}

function Title({ doc }: { doc: LibraryEntry }) {
  const m = doc.match
  if (m?.field !== 'title') return <>{doc.title}</>
  return (
    <>
      {m.before}
      <mark>{m.match}</mark>
      {m.after}
    </>
  )
}

interface Props {
  annotator: string
  /** The schema, for the label filter. */
  labels: LabelType[]
}

/**
 * The corpus: every document with this annotator's counts and status, filtered
 * by status and by label (in this annotator's layer), and searched across titles and text.
 */
export function LibraryView({ annotator, labels }: Props) {
  // Fetched without the status filter, so the status tabs can show their counts; the status is applied here.
  const [docs, setDocs] = useState<LibraryEntry[] | null>(null)
  const [query, setQuery] = useState('')
  const [status, setStatus] = useState<DocStatus | ''>('')
  const [label, setLabel] = useState('')
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    let live = true
    const t = setTimeout(
      () => {
        call('documents.list', { annotator, query: query.trim() || undefined, label: label || undefined })
          .then((d) => {
            if (!live) return
            setDocs(d)
            setError(null)
          })
          .catch((e: Error) => live && setError(e.message))
      },
      query ? 180 : 0,
    )
    return () => {
      live = false
      clearTimeout(t)
    }
  }, [annotator, query, label])

  const counts = useMemo(() => {
    const c: Record<DocStatus, number> = { todo: 0, in_progress: 0, done: 0 }
    for (const d of docs ?? []) c[d.status]++
    return c
  }, [docs])
  const shown = useMemo(() => (docs ?? []).filter((d) => !status || d.status === status), [docs, status])
  const entityLabels = labels.filter((l) => l.kind === 'entity')
  const totalSpans = shown.reduce((n, d) => n + d.spanCount, 0)
  const totalRelations = shown.reduce((n, d) => n + d.relationCount, 0)
  const filtered = Boolean(query.trim() || status || label)

  return (
    <section className="library">
      <div className="library-head">
        <div>
          <h1>Library</h1>
          <p className="muted" data-testid="library-summary">
            {docs
              ? `${shown.length} ${shown.length === 1 ? 'document' : 'documents'}${filtered ? ' match' : ''} · ${totalSpans} of your spans · ${totalRelations} relations`
              : 'Loading…'}
          </p>
        </div>
        <div className="library-search">
          <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden>
            <circle cx="7" cy="7" r="4.5" fill="none" stroke="currentColor" strokeWidth="1.6" />
            <path d="M10.5 10.5 14 14" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
          </svg>
          <input className="search" type="search" placeholder="Search titles and text…" value={query} aria-label="Search documents" onChange={(e) => setQuery(e.target.value)} />
        </div>
      </div>

      <div className="library-filters">
        <div className="status-tabs" role="tablist" aria-label="Filter by status">
          <button type="button" role="tab" aria-selected={status === ''} onClick={() => setStatus('')}>
            All <span className="tab-count">{docs?.length ?? 0}</span>
          </button>
          {STATUSES.map((s) => (
            <button key={s} type="button" role="tab" aria-selected={status === s} data-status={s} onClick={() => setStatus(s)}>
              <span className={`dot dot-${s}`} aria-hidden />
              {STATUS_LABEL[s]} <span className="tab-count">{counts[s]}</span>
            </button>
          ))}
        </div>
        <label className="label-filter">
          <span className="muted">With label</span>
          <select aria-label="Filter by label" value={label} onChange={(e) => setLabel(e.target.value)}>
            <option value="">Any label</option>
            {entityLabels.map((l) => (
              <option key={l.id} value={l.name}>
                {l.name}
              </option>
            ))}
          </select>
          {label && <span className="swatch" style={{ ['--c' as string]: entityLabels.find((l) => l.name === label)?.color ?? '#888' }} />}
        </label>
        {filtered && (
          <button
            type="button"
            className="clear-filters"
            onClick={() => {
              setQuery('')
              setStatus('')
              setLabel('')
            }}
          >
            Clear filters
          </button>
        )}
      </div>

      {error && <p className="form-error">{error}</p>}
      <table className="doc-table" data-testid="library">
        <thead>
          <tr>
            <th>Title</th>
            <th>Id</th>
            <th className="num">Characters</th>
            <th className="num">Spans</th>
            <th className="num">Relations</th>
            <th>Status</th>
            <th>Review</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((d) => (
            <tr key={d.id} data-document={d.externalId} data-status={d.status} onClick={() => (window.location.hash = documentHref(d.externalId))}>
              <td className="title-cell">
                <a href={documentHref(d.externalId)}>
                  <Title doc={d} />
                </a>
                {d.match && <Snippet match={d.match} />}
              </td>
              <td className="mono muted">{d.externalId}</td>
              <td className="num">{d.length.toLocaleString()}</td>
              <td className="num" data-testid="span-count">
                {d.spanCount}
              </td>
              <td className="num" data-testid="relation-count">
                {d.relationCount}
              </td>
              <td>
                <StatusBadge status={d.status} />
              </td>
              <td className="review-cell" data-testid="review-status" data-review-status={d.reviewStatus}>
                <ReviewBadge status={d.reviewStatus} />{' '}
                <a className="review-link" href={reviewHref(d.externalId)} onClick={(e) => e.stopPropagation()}>
                  Review
                </a>
              </td>
            </tr>
          ))}
          {docs && shown.length === 0 && (
            <tr>
              <td colSpan={7} className="empty">
                {filtered ? (
                  'No documents match these filters.'
                ) : (
                  <>
                    No documents yet. Import some with <code>spanwright import</code>.
                  </>
                )}
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </section>
  )
}
