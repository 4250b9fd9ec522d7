import { memo, useEffect, useState } from 'react'
import type { HistoryEntry } from '../../../shared/api/methods/history'
import { call } from '../../api/client'

const VERB: Record<HistoryEntry['action'], string> = {
  'span.create': 'added',
  'span.delete': 'deleted',
  'span.update': 'changed',
  'relation.create': 'linked',
  'relation.delete': 'unlinked',
}

// Formatters made once: toLocaleTimeString builds a new one per call, which cost milliseconds per repaint.
const TIME = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' })
const DATE_TIME = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' })

function when(iso: string): string {
  return TIME.format(new Date(iso))
}

/** Who did what, when, in this layer (newest first); undone actions are struck through. Refetched when the layer changes. */
export const HistoryPanel = memo(function HistoryPanel(props: { documentId: number; annotator: string; revision: unknown }) {
  const [entries, setEntries] = useState<HistoryEntry[]>([])
  useEffect(() => {
    let live = true
    call('history.list', { documentId: props.documentId, annotator: props.annotator, limit: 12 })
      .then((e) => live && setEntries(e))
      .catch(() => undefined) // the panel is informational; edits report their own errors
    return () => {
      live = false
    }
  }, [props.documentId, props.annotator, props.revision])
  if (!entries.length) return null
  return (
    <details className="history-panel">
      <summary>
        History <span className="count">{entries.length}</span>
      </summary>
      <ul>
        {entries.map((e) => (
          <li key={e.id} className={`history-${e.state}`} data-history-entry={e.id} title={`${e.annotator}, ${DATE_TIME.format(new Date(e.createdAt))}`}>
            <span className="history-time mono">{when(e.createdAt)}</span>
            <span className="history-verb">{VERB[e.action]}</span>
            <span className="history-summary">{e.summary}</span>
          </li>
        ))}
      </ul>
    </details>
  )
})
