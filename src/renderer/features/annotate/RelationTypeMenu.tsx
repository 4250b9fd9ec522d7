import { useLayoutEffect, useState } from 'react'
import type { LabelType } from '../../../shared/domain/model'

/**
 * The relation types allowed for the picked pair, numbered: a number key or
 * arrows + Enter choose (handled by the document view's keys), a click too.
 * Placed under the tail span when it is on screen.
 */
export function RelationTypeMenu(props: {
  headName: string
  tailName: string
  tailId: number
  options: LabelType[]
  active: number
  onPick: (label: LabelType) => void
  onCancel: () => void
}) {
  const [at, setAt] = useState<{ left: number; top: number } | null>(null)
  useLayoutEffect(() => {
    const el = document.querySelector(`[data-span-id="${props.tailId}"]`)
    const r = el?.getBoundingClientRect()
    if (r && r.bottom > 0 && r.top < window.innerHeight) {
      setAt({ left: Math.max(8, Math.min(r.left, window.innerWidth - 300)), top: Math.min(r.bottom + 8, window.innerHeight - 60 - props.options.length * 34) })
    } else setAt(null)
  }, [props.tailId, props.options.length])
  return (
    <div
      className="relation-menu"
      role="menu"
      aria-label="Relation type"
      style={at ? { left: at.left, top: at.top } : undefined}
      data-centered={at ? undefined : 'true'}
    >
      <div className="relation-menu-head">
        <span>{props.headName}</span> → <span>{props.tailName}</span>
      </div>
      {props.options.map((l, i) => (
        <button
          key={l.id}
          role="menuitem"
          className={`relation-menu-item${i === props.active ? ' active' : ''}`}
          data-relation-type={l.name}
          style={{ ['--c' as string]: l.color }}
          onMouseDown={(e) => e.preventDefault()}
          onClick={() => props.onPick(l)}
          title={l.description}
        >
          {i < 9 && <kbd>{i + 1}</kbd>}
          <span className="swatch" />
          {l.name}
        </button>
      ))}
      <div className="relation-menu-foot muted">
        <kbd>↑</kbd>
        <kbd>↓</kbd> <kbd>Enter</kbd> choose · <kbd>Esc</kbd>{' '}
        <button className="link-btn" onClick={props.onCancel}>
          cancel
        </button>
      </div>
    </div>
  )
}
