import { useMemo } from 'react'
import type { ReactNode } from 'react'
import type { LabelType, Span } from '../../../shared/domain/model'
import { countByLabel } from './labelCounts'

/** The entity labels with their colours, counts and hotkeys; clicking one labels the current selection (or relabels the selected span). Children sit at the right end. */
export function LabelPalette(props: { labels: LabelType[]; spans: readonly Span[]; onPick: (label: LabelType) => void; children?: ReactNode }) {
  const counts = useMemo(() => countByLabel(props.spans), [props.spans])
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
          {counts.get(l.name) ? <span className="palette-count">{counts.get(l.name)}</span> : null}
          {l.hotkey && <kbd>{l.hotkey}</kbd>}
        </button>
      ))}
      {props.children && <div className="palette-end">{props.children}</div>}
    </div>
  )
}
