import { useEffect, useRef } from 'react'

/**
 * The in-document search box (`/`): typing searches as you go; Enter and
 * Shift+Enter step through the hits (wrapping); Ctrl+Enter (or the button)
 * opens "label all matches"; Esc closes. The hits are
 * painted by the document view; this only drives them.
 */
export function DocumentSearch(props: {
  query: string
  hitCount: number
  capped: boolean
  active: number | null
  onQuery: (q: string) => void
  onStep: (dir: 1 | -1) => void
  onClose: () => void
  /** Opens the "label all matches" preview (also Ctrl+Enter in the box). */
  onLabelAll?: () => void
}) {
  const input = useRef<HTMLInputElement>(null)
  useEffect(() => {
    input.current?.focus()
    input.current?.select()
  }, [])

  const { query, hitCount, active } = props
  const count = !query.trim()
    ? 'Type to search'
    : hitCount === 0
      ? 'No matches'
      : `${active === null ? 0 : active + 1} of ${hitCount}${props.capped ? '+' : ''}`

  return (
    <div className="doc-search" role="search" aria-label="Search this document">
      <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden>
        <circle cx="7" cy="7" r="4.5" fill="none" stroke="currentColor" strokeWidth="1.6" />
        <path d="M10.5 10.5 14 14" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
      </svg>
      <input
        ref={input}
        type="text"
        aria-label="Search in document"
        placeholder="Search in document…"
        value={query}
        spellCheck={false}
        onChange={(e) => props.onQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault()
            if (hitCount) props.onLabelAll?.()
          } else if (e.key === 'Enter') {
            e.preventDefault()
            props.onStep(e.shiftKey ? -1 : 1)
          } else if (e.key === 'Escape') {
            e.preventDefault()
            props.onClose()
          }
        }}
      />
      <span className={`doc-search-count${query.trim() && hitCount === 0 ? ' none' : ''}`} data-search-count aria-live="polite">
        {count}
      </span>
      <button type="button" className="doc-search-btn" title="Previous (Shift+Enter)" aria-label="Previous match" disabled={!hitCount} onClick={() => props.onStep(-1)}>
        ↑
      </button>
      <button type="button" className="doc-search-btn" title="Next (Enter)" aria-label="Next match" disabled={!hitCount} onClick={() => props.onStep(1)}>
        ↓
      </button>
      {props.onLabelAll && (
        <button type="button" className="doc-search-label-all" title="Label every match (Ctrl+Enter)" disabled={!hitCount} onClick={props.onLabelAll}>
          Label all…
        </button>
      )}
      <button type="button" className="doc-search-btn" title="Close (Esc)" aria-label="Close search" onClick={props.onClose}>
        ×
      </button>
    </div>
  )
}
