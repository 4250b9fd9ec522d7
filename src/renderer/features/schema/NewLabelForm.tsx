import { useState } from 'react'
import type { NewLabelArgs } from '../../../shared/api/methods/schema'
import type { LabelKind, LabelType } from '../../../shared/domain/model'

/** Distinct, readable colours offered for a new label: the first one not yet in use. */
const PALETTE = ['#e4572e', '#2e86ab', '#3bb273', '#7768ae', '#c98b2b', '#d1495b', '#1b998b', '#8a5a44', '#5f6b7a', '#f18f01', '#006d77', '#9c27b0']

function freeColor(labels: LabelType[]): string {
  const used = new Set(labels.map((l) => l.color.toLowerCase()))
  return PALETTE.find((c) => !used.has(c)) ?? PALETTE[labels.length % PALETTE.length]
}

/** The add row under each table: a name, a colour, and for entities a key. */
export function NewLabelForm({ kind, labels, onCreate }: { kind: LabelKind; labels: LabelType[]; onCreate: (l: NewLabelArgs) => Promise<void> }) {
  const [name, setName] = useState('')
  const [color, setColor] = useState<string | null>(null)
  const [hotkey, setHotkey] = useState('')
  const shown = color ?? freeColor(labels)
  const submit = async () => {
    try {
      await onCreate({ kind, name: name.trim(), color: shown, hotkey: hotkey.trim() || null })
      setName('')
      setColor(null)
      setHotkey('')
    } catch {
      // The page shows why; keep what was typed.
    }
  }
  return (
    <form
      className="new-label"
      aria-label={`New ${kind} label`}
      onSubmit={(e) => {
        e.preventDefault()
        if (name.trim()) void submit()
      }}
    >
      <span className="new-label-plus" aria-hidden>
        +
      </span>
      <input type="color" aria-label={`Colour of the new ${kind} label`} value={shown} onChange={(e) => setColor(e.target.value)} />
      <input
        className="mono"
        aria-label={`Name of the new ${kind} label`}
        placeholder={kind === 'entity' ? 'New entity label, e.g. DRUG' : 'New relation label, e.g. TREATS'}
        value={name}
        spellCheck={false}
        onChange={(e) => setName(e.target.value.replace(/\s/gu, '_'))}
      />
      {kind === 'entity' && (
        <input className="key-input" aria-label={`Key of the new ${kind} label`} placeholder="key" maxLength={1} value={hotkey} onChange={(e) => setHotkey(e.target.value)} />
      )}
      <button type="submit" className="btn" disabled={!name.trim()}>
        Add {kind} label
      </button>
    </form>
  )
}
