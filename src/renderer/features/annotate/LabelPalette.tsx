import { useLayoutEffect, useMemo, useRef, useState } from 'react'
import type { ReactNode } from 'react'
import type { LabelType, Span } from '../../../shared/domain/model'
import { countByLabel } from './labelCounts'

const EXPANDED_KEY = 'spanwright:palette-expanded'
/** Rows of labels shown while the palette is folded. */
const FOLDED_ROWS = 2

/**
 * The labels a folded palette leaves out, and the height that shows FOLDED_ROWS rows: measured from where the
 * items wrapped (their offsetTop in the list), so it follows the window's width and the text size.
 */
function measureFold(list: HTMLElement): { hidden: number; height: number } {
  const items = [...list.children] as HTMLElement[]
  const tops = [...new Set(items.map((e) => e.offsetTop))].sort((a, b) => a - b)
  if (tops.length <= FOLDED_ROWS) return { hidden: 0, height: 0 }
  const last = items.filter((e) => e.offsetTop === tops[FOLDED_ROWS - 1])
  const height = Math.max(...last.map((e) => e.offsetTop + e.offsetHeight)) + 2
  return { hidden: items.filter((e) => e.offsetTop > tops[FOLDED_ROWS - 1]).length, height }
}

/**
 * The entity labels with their colours, counts and hotkeys; clicking one labels the current selection (or
 * relabels the selected span). Children sit at the right end. A schema with many labels (BioNLP's thirty and
 * more took four rows at 1400 px and six at 1024, a third of the window) is folded to two rows, with "+N more"
 * to unfold it; the choice is remembered. Labels with a key or used in this document come first, so the folded
 * rows hold the ones at hand.
 */
export function LabelPalette(props: { labels: LabelType[]; spans: readonly Span[]; onPick: (label: LabelType) => void; children?: ReactNode }) {
  const counts = useMemo(() => countByLabel(props.spans), [props.spans])
  // Labels with a key or used in this document first (each group in schema order), so a folded palette shows them.
  const ordered = useMemo(() => {
    const first = (l: LabelType) => !!l.hotkey || !!counts.get(l.name)
    return [...props.labels.filter(first), ...props.labels.filter((l) => !first(l))]
  }, [props.labels, counts])
  const list = useRef<HTMLDivElement>(null)
  const [expanded, setExpanded] = useState(() => localStorage.getItem(EXPANDED_KEY) === 'true')
  const [fold, setFold] = useState({ hidden: 0, height: 0 })

  useLayoutEffect(() => {
    const el = list.current
    if (!el) return
    const measure = () => {
      const next = measureFold(el)
      setFold((f) => (f.hidden === next.hidden && f.height === next.height ? f : next))
    }
    measure()
    const ro = new ResizeObserver(measure)
    ro.observe(el)
    return () => ro.disconnect()
  }, [ordered])

  const toggle = () => {
    localStorage.setItem(EXPANDED_KEY, String(!expanded))
    setExpanded(!expanded)
  }
  const folded = !expanded && fold.hidden > 0
  // The labels past the folded rows (the last ones: items wrap in order) are out of the Tab order while folded, so
  // Tab does not walk through buttons nobody sees; their hotkeys (editor keys, not focus) and a click after
  // "+N more" still pick them.
  const firstHidden = folded ? ordered.length - fold.hidden : ordered.length
  return (
    <div className="palette" role="toolbar" aria-label="Entity labels">
      <div className="palette-labels" ref={list} style={folded ? { maxHeight: fold.height } : undefined} data-folded={folded}>
        {ordered.map((l, i) => (
          <button
            key={l.id}
            className="palette-item"
            tabIndex={i >= firstHidden ? -1 : undefined}
            data-folded-away={i >= firstHidden || undefined}
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
      </div>
      <div className="palette-end">
        {fold.hidden > 0 && (
          <button type="button" className="palette-more" onMouseDown={(e) => e.preventDefault()} onClick={toggle} aria-expanded={!folded} data-testid="palette-more">
            {folded ? `+${fold.hidden} more` : 'Fewer'}
          </button>
        )}
        {props.children}
      </div>
    </div>
  )
}
