import { useEffect, useRef, useState } from 'react'

/** A colour swatch that opens the system picker; saves once the user stops dragging (a short pause), not on every move. */
export function ColorField({ value, label, onCommit }: { value: string; label: string; onCommit: (c: string) => Promise<void> }) {
  const [draft, setDraft] = useState(value)
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined)
  useEffect(() => setDraft(value), [value])
  useEffect(() => () => clearTimeout(timer.current), [])
  return (
    <label className="color-field" title={`${draft} — click to recolour`}>
      <input
        type="color"
        aria-label={`Colour of ${label}`}
        value={draft}
        onChange={(e) => {
          const c = e.target.value
          setDraft(c)
          clearTimeout(timer.current)
          timer.current = setTimeout(() => void onCommit(c).catch(() => setDraft(value)), 250)
        }}
      />
      <span className="color-hex mono">{draft}</span>
    </label>
  )
}
