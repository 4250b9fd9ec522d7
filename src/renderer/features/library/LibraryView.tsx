import { useEffect, useState } from 'react'
import type { DocStatus, DocumentSummary } from '../../../shared/domain/model'
import { call } from '../../api/client'
import { documentHref } from '../../app/useHashRoute'

const STATUS_LABEL: Record<DocStatus, string> = { todo: 'To do', in_progress: 'In progress', done: 'Done' }

export function StatusBadge({ status }: { status: DocStatus }) {
  return <span className={`status status-${status}`}>{STATUS_LABEL[status]}</span>
}

/** The corpus: every document with its title, size, this annotator's span count and status. */
export function LibraryView({ annotator }: { annotator: string }) {
  const [docs, setDocs] = useState<DocumentSummary[] | null>(null)
  const [query, setQuery] = useState('')
  const [status, setStatus] = useState<DocStatus | ''>('')
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    let live = true
    const t = setTimeout(() => {
      call('documents.list', { annotator, query: query || undefined, status: status || undefined })
        .then((d) => live && setDocs(d))
        .catch((e: Error) => live && setError(e.message))
    }, query ? 150 : 0)
    return () => {
      live = false
      clearTimeout(t)
    }
  }, [annotator, query, status])

  const totalSpans = docs?.reduce((n, d) => n + d.spanCount, 0) ?? 0
  const done = docs?.filter((d) => d.status === 'done').length ?? 0
  return (
    <section className="library">
      <div className="library-head">
        <div>
          <h1>Library</h1>
          <p className="muted">
            {docs ? `${docs.length} documents · ${totalSpans} of your spans · ${done} done` : 'Loading…'}
          </p>
        </div>
        <div className="library-tools">
          <input
            className="search"
            type="search"
            placeholder="Search titles and text…"
            value={query}
            aria-label="Search documents"
            onChange={(e) => setQuery(e.target.value)}
          />
          <select aria-label="Filter by status" value={status} onChange={(e) => setStatus(e.target.value as DocStatus | '')}>
            <option value="">All statuses</option>
            <option value="todo">To do</option>
            <option value="in_progress">In progress</option>
            <option value="done">Done</option>
          </select>
        </div>
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
          </tr>
        </thead>
        <tbody>
          {docs?.map((d) => (
            <tr key={d.id} data-document={d.externalId} onClick={() => (window.location.hash = documentHref(d.externalId))}>
              <td className="title-cell">
                <a href={documentHref(d.externalId)}>{d.title}</a>
              </td>
              <td className="mono muted">{d.externalId}</td>
              <td className="num">{d.length.toLocaleString()}</td>
              <td className="num" data-testid="span-count">
                {d.spanCount}
              </td>
              <td className="num">{d.relationCount}</td>
              <td>
                <StatusBadge status={d.status} />
              </td>
            </tr>
          ))}
          {docs?.length === 0 && (
            <tr>
              <td colSpan={6} className="empty">
                No documents match. Import some with <code>spanwright import</code>.
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </section>
  )
}
