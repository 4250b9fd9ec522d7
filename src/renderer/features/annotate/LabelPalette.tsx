import type { ReactNode } from 'react'
import type { LabelType } from '../../../shared/domain/model'

/** The entity labels with their colours and hotkeys; clicking one labels the current selection. Children sit at the right end. */
export function LabelPalette(props: { labels: LabelType[]; counts: Record<string, number>; onPick: (label: LabelType) => void; children?: ReactNode }) {
  return (
    <div className="palette" role="toolbar" aria-label="Entity labels">
      {props.labels.map((l) => (
        <button
          key={l.id}
          className="palette-item"
          style={{ ['--c' as string]: l.color }}
          title={`${l.description}${l.hotkey ? ` (key ${l.hotkey})` : ''}`}
          data-palette-label={l.name}
          // Keep the text selection: a mousedown on a button would otherwise clear it.
          onMouseDown={(e) => e.preventDefault()}
          onClick={() => props.onPick(l)}
        >
          <span className="swatch" />
          <span className="palette-name">{l.name}</span>
          {props.counts[l.name] ? <span className="palette-count">{props.counts[l.name]}</span> : null}
          {l.hotkey && <kbd>{l.hotkey}</kbd>}
        </button>
      ))}
      {props.children && <div className="palette-end">{props.children}</div>}
    </div>
  )
}
