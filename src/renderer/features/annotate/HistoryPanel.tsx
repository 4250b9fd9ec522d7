import { memo, useCallback, useEffect, useState } from 'react'
import type { HistoryEntry } from '../../../shared/api/methods/history'
import { call } from '../../api/client'
import { VirtualList } from './VirtualList'

const VERB: Record<HistoryEntry['action'], string> = {
  'span.create': 'added',
  'span.delete': 'deleted',
  'span.update': 'changed',
  'relation.create': 'linked',
  'relation.delete': 'unlinked',
}

/** Row height of the history list, in px; .history-panel .vlist li in annotate.css has the same. */
const ROW = 26
/** The most the API lists at once (history.list's limit). */
const ALL = 10_000

// Formatters made once: toLocaleTimeString builds a new one per call, which cost milliseconds per repaint.
// And made on first use: a page's first Intl object loads ICU's data (10-50 ms), which a document's start need not wait for.
let formats: { time: Intl.DateTimeFormat; dateTime: Intl.DateTimeFormat } | undefined
const FORMATS = () =>
  (formats ??= { time: new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' }), dateTime: new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' }) })

/**
 * Who did what, when, in this layer: the whole history, newest first, in a
 * virtualized list (only the rows in view are rendered); undone actions are
 * struck through. Refetched when the layer changes.
 */
export const HistoryPanel = memo(function HistoryPanel(props: { documentId: number; annotator: string; revision: unknown }) {
  const [entries, setEntries] = useState<HistoryEntry[]>([])
  useEffect(() => {
    let live = true
    call('history.list', { documentId: props.documentId, annotator: props.annotator, limit: ALL })
      .then((e) => live && setEntries(e))
      .catch(() => undefined) // the panel is informational; edits report their own errors
    return () => {
      live = false
    }
  }, [props.documentId, props.annotator, props.revision])
  const row = useCallback(
    (e: HistoryEntry) => (
      <li key={e.id} className={`history-${e.state}`} data-history-entry={e.id} title={`${e.annotator}, ${FORMATS().dateTime.format(new Date(e.createdAt))}: ${VERB[e.action]} ${e.summary}`}>
        <span className="history-time mono">{FORMATS().time.format(new Date(e.createdAt))}</span>
        <span className="history-verb">{VERB[e.action]}</span>
        <span className="history-summary">{e.summary}</span>
      </li>
    ),
    [],
  )
  if (!entries.length) return null
  return (
    <details className="history-panel">
      <summary>
        History <span className="count" data-history-count={entries.length}>{entries.length >= ALL ? `${ALL}+` : entries.length}</span>
      </summary>
      <VirtualList items={entries} rowHeight={ROW} maxHeight={ROW * 12} renderRow={row} label="History" />
    </details>
  )
})
