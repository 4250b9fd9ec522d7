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
  return (
    <div className="transfer-backdrop" onMouseDown={(e) => e.target === e.currentTarget && !running && onClose()}>
      <div className="transfer-dialog" role="dialog" aria-modal="true" aria-labelledby={titleId} onKeyDown={(e) => e.key === 'Escape' && !running && onClose()}>
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
