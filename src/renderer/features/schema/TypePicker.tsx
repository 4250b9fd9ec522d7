import { useEffect, useRef, useState } from 'react'
import type { LabelType } from '../../../shared/domain/model'

interface Props {
  /** Which end of the relation: shown in the menu and used for test ids. */
  side: 'head' | 'tail'
  selected: string[]
  entities: LabelType[]
  onCommit: (names: string[]) => Promise<void>
}

/** A multi-select of entity labels for one end of a relation; none selected means any type is allowed. */
export function TypePicker({ side, selected: saved, entities, onCommit }: Props) {
  const [open, setOpen] = useState(false)
  // Shown at once when toggled; reverts if the server refuses.
  const [selected, setSelected] = useState(saved)
  useEffect(() => setSelected(saved), [saved])
  const commit = (names: string[]) => {
    setSelected(names)
    onCommit(names).catch(() => setSelected(saved))
  }
  const root = useRef<HTMLDivElement>(null)
  useEffect(() => {
    if (!open) return
    const close = (e: MouseEvent) => {
      if (root.current && !root.current.contains(e.target as Node)) setOpen(false)
    }
    const esc = (e: KeyboardEvent) => e.key === 'Escape' && setOpen(false)
    document.addEventListener('mousedown', close)
    document.addEventListener('keydown', esc)
    return () => {
      document.removeEventListener('mousedown', close)
      document.removeEventListener('keydown', esc)
    }
  }, [open])
  const color = (name: string) => entities.find((e) => e.name === name)?.color ?? '#888888'
  const toggle = (name: string) => {
    const next = selected.includes(name) ? selected.filter((n) => n !== name) : [...selected, name]
    // Keep the schema's own order so lists read the same everywhere.
    commit(entities.map((e) => e.name).filter((n) => next.includes(n)))
  }
  return (
    <div className="type-picker" ref={root}>
      <button type="button" className="type-picker-button" aria-haspopup="listbox" aria-expanded={open} aria-label={`${side} types`} onClick={() => setOpen(!open)}>
        {selected.length === 0 ? (
          <span className="any">any</span>
        ) : (
          selected.map((n) => (
            <span key={n} className="chip-label" style={{ ['--c' as string]: color(n) }}>
              {n}
            </span>
          ))
        )}
        <span className="caret" aria-hidden>
          ▾
        </span>
      </button>
      {open && (
        <div className="type-menu" role="listbox" aria-multiselectable aria-label={`Allowed ${side} types`}>
          <div className="type-menu-head">Allowed {side} types</div>
          {entities.map((e) => (
            <label key={e.id} className="type-option">
              <input type="checkbox" checked={selected.includes(e.name)} onChange={() => toggle(e.name)} />
              <span className="swatch" style={{ ['--c' as string]: e.color }} />
              {e.name}
            </label>
          ))}
          <button type="button" className="type-menu-any" disabled={selected.length === 0} onClick={() => commit([])}>
            Allow any type
          </button>
        </div>
      )}
    </div>
  )
}
