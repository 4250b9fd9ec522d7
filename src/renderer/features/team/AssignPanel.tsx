import { useCallback, useEffect, useState } from 'react'
import type { TeamDocumentRow, TeamSyncState } from '../../../shared/api/methods/team'
import { call } from '../../api/client'

const PAGE = 50

interface Props {
  annotators: string[]
  onAssigned(s: TeamSyncState): void
}

/** An admin's assignments: pick documents on the server, pick an annotator, assign (or withdraw). */
export function AssignPanel({ annotators, onAssigned }: Props) {
  const [query, setQuery] = useState('')
  const [unassignedOnly, setUnassignedOnly] = useState(false)
  const [offset, setOffset] = useState(0)
  const [page, setPage] = useState<{ total: number; rows: TeamDocumentRow[] } | null>(null)
  const [picked, setPicked] = useState<Set<string>>(new Set())
  const [annotator, setAnnotator] = useState('')
  const [busy, setBusy] = useState(false)
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null)

  const load = useCallback(
    () =>
      call('team.documents', { offset, limit: PAGE, unassignedOnly, ...(query.trim() ? { query: query.trim() } : {}) }).then(setPage, (e: Error) =>
        setNotice({ ok: false, text: e.message }),
      ),
    [offset, unassignedOnly, query],
  )
  useEffect(() => {
    const t = setTimeout(() => void load(), 150)
    return () => clearTimeout(t)
  }, [load])

  const toggle = (id: string) =>
    setPicked((prev) => {
      const next = new Set(prev)
      if (next.has(id)) next.delete(id)
      else next.add(id)
      return next
    })
  const allOnPage = !!page?.rows.length && page.rows.every((r) => picked.has(r.externalId))

  const apply = async (assigned: boolean) => {
    if (!annotator || !picked.size) return
    setBusy(true)
    setNotice(null)
    try {
      const r = await call('team.assign', { annotator, documents: [...picked], assigned })
      const n = r.changed.length
      setNotice({ ok: true, text: `${assigned ? 'Assigned' : 'Withdrew'} ${n} document${n === 1 ? '' : 's'} ${assigned ? 'to' : 'from'} ${annotator}${n < picked.size ? ` (${picked.size - n} ${assigned ? 'already had it' : 'were not assigned'})` : ''}.` })
      setPicked(new Set())
      onAssigned(r.state)
      await load()
    } catch (e) {
      setNotice({ ok: false, text: (e as Error).message })
    } finally {
      setBusy(false)
    }
  }

  return (
    <section className="team-card" data-testid="team-assign">
      <div className="team-card-head">
        <h2>Assignments</h2>
        <span className="muted team-small">Every desktop receives them on its next sync; each annotator&apos;s library lists theirs first.</span>
      </div>
      <div className="team-assign-bar">
        <input type="search" placeholder="Find by id or title…" value={query} onChange={(e) => (setQuery(e.target.value), setOffset(0))} aria-label="Find team documents" />
        <label className="team-inline">
          <input type="checkbox" checked={unassignedOnly} onChange={(e) => (setUnassignedOnly(e.target.checked), setOffset(0))} />
          <span>Unassigned only</span>
        </label>
        <span className="team-spacer" />
        <span className="muted team-small" data-testid="team-picked">
          {picked.size} selected
        </span>
        <select value={annotator} onChange={(e) => setAnnotator(e.target.value)} aria-label="Assign to annotator" data-testid="team-assign-to">
          <option value="">Annotator…</option>
          {annotators.map((a) => (
            <option key={a} value={a}>
              {a}
            </option>
          ))}
        </select>
        <button type="button" className="btn btn-primary" disabled={busy || !annotator || !picked.size} onClick={() => void apply(true)} data-testid="team-assign-button">
          Assign
        </button>
        <button type="button" className="btn" disabled={busy || !annotator || !picked.size} onClick={() => void apply(false)}>
          Withdraw
        </button>
      </div>
      {notice && (
        <p className={notice.ok ? 'team-ok' : 'team-error'} role={notice.ok ? 'status' : 'alert'} data-testid="team-assign-notice">
          {notice.text}
        </p>
      )}
      <table className="team-table team-docs">
        <thead>
          <tr>
            <th className="team-col-check">
              <input
                type="checkbox"
                aria-label="Select this page"
                checked={allOnPage}
                onChange={() => setPicked((prev) => new Set(allOnPage ? [...prev].filter((id) => !page?.rows.some((r) => r.externalId === id)) : [...prev, ...(page?.rows ?? []).map((r) => r.externalId)]))}
              />
            </th>
            <th>Document</th>
            <th>Id</th>
            <th>Assigned to</th>
          </tr>
        </thead>
        <tbody>
          {page?.rows.map((r) => (
            <tr key={r.externalId} data-document={r.externalId} onClick={() => toggle(r.externalId)} className={picked.has(r.externalId) ? 'team-picked' : ''}>
              <td className="team-col-check">
                <input type="checkbox" checked={picked.has(r.externalId)} onChange={() => toggle(r.externalId)} onClick={(e) => e.stopPropagation()} aria-label={`Select ${r.externalId}`} />
              </td>
              <td className="team-doc-title">{r.title}</td>
              <td className="mono muted">{r.externalId}</td>
              <td data-testid="assignees">{r.assignees.length ? r.assignees.map((a) => <span key={a} className="team-chip">{a}</span>) : <span className="muted">nobody</span>}</td>
            </tr>
          ))}
          {page && !page.rows.length && (
            <tr>
              <td colSpan={4} className="muted team-empty">
                {query || unassignedOnly ? 'No team documents match.' : 'The team has no documents yet: an admin’s sync adds them.'}
              </td>
            </tr>
          )}
        </tbody>
      </table>
      {page && page.total > PAGE && (
        <div className="team-pager">
          <button type="button" className="btn" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
            Previous
          </button>
          <span className="muted team-small">
            {offset + 1}–{Math.min(offset + PAGE, page.total)} of {page.total.toLocaleString()}
          </span>
          <button type="button" className="btn" disabled={offset + PAGE >= page.total} onClick={() => setOffset(offset + PAGE)}>
            Next
          </button>
        </div>
      )}
    </section>
  )
}
