import { useEffect, useRef } from 'react'
import type { ReactNode } from 'react'

interface Props {
  /** Id of the heading, for aria-labelledby. */
  titleId: string
  title: string
  intro: string
  /** While a job runs the dialog cannot be closed (the job would go on unseen). */
  running: boolean
  onClose: () => void
  footer: ReactNode
  children: ReactNode
}

/** The frame the import and export dialogs share: backdrop, heading with close, body, footer. */
export function TransferDialog({ titleId, title, intro, running, onClose, footer, children }: Props) {
  // Going elsewhere (a link in the report, Back, a deep link) closes it, as the close button would: a dialog left
  // over the next screen reads as belonging to it. A running job keeps it, as it keeps the close button disabled.
  // One listener for the dialog's life, reading the latest props: the app's own route listeners re-render it during
  // the same hashchange, and a listener added then would not hear that event.
  const latest = useRef({ running, onClose })
  latest.current = { running, onClose }
  // Focus moves into the dialog when it opens (as a modal's should), so Escape closes it before anything is clicked.
  const box = useRef<HTMLDivElement>(null)
  useEffect(() => box.current?.focus(), [])
  useEffect(() => {
    const leave = () => !latest.current.running && latest.current.onClose()
    window.addEventListener('hashchange', leave)
    return () => window.removeEventListener('hashchange', leave)
  }, [])
  return (
    <div className="transfer-backdrop" onMouseDown={(e) => e.target === e.currentTarget && !running && onClose()}>
      <div ref={box} tabIndex={-1} className="transfer-dialog" role="dialog" aria-modal="true" aria-labelledby={titleId} onKeyDown={(e) => e.key === 'Escape' && !running && onClose()}>
        <header className="transfer-head">
          <div>
            <h3 id={titleId}>{title}</h3>
            <p className="muted">{intro}</p>
          </div>
          <button type="button" className="transfer-close" aria-label="Close" onClick={onClose} disabled={running}>
            ×
          </button>
        </header>
        {children}
        <footer className="transfer-foot">{footer}</footer>
      </div>
    </div>
  )
}
