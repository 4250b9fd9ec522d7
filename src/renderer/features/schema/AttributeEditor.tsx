import { useState } from 'react'
import type { AttributeDef } from '../../../shared/domain/model'

/** One attribute as edited: enum values as the comma-separated text the user types. */
interface Draft {
  name: string
  type: AttributeDef['type']
  values: string
}

const toDraft = (a: AttributeDef): Draft => ({ name: a.name, type: a.type, values: a.type === 'enum' ? a.values.join(', ') : '' })

function fromDraft(d: Draft): AttributeDef {
  const name = d.name.trim()
  if (d.type === 'boolean') return { name, type: 'boolean' }
  return { name, type: 'enum', values: [...new Set(d.values.split(',').map((v) => v.trim()).filter(Boolean))] }
}

/** A compact read-only summary of a label's attributes, for the table cell. */
export function AttributeSummary({ attributes }: { attributes: AttributeDef[] }) {
  if (attributes.length === 0) return <span className="muted">none</span>
  return (
    <span className="attr-summary">
      {attributes.map((a) => (
        <span key={a.name} className="attr-chip" title={a.type === 'enum' ? a.values.join(' | ') : 'true / false'}>
          {a.name}
          <span className="attr-type">{a.type === 'enum' ? a.values.join('|') : 'bool'}</span>
        </span>
      ))}
    </span>
  )
}

interface Props {
  label: string
  attributes: AttributeDef[]
  onSave: (attributes: AttributeDef[]) => Promise<void>
  onClose: () => void
}

/** Edits a label's attribute definitions: each a boolean, or an enum with its values. Saved as a whole. */
export function AttributeEditor({ label, attributes, onSave, onClose }: Props) {
  const [drafts, setDrafts] = useState<Draft[]>(() => attributes.map(toDraft))
  const [saving, setSaving] = useState(false)
  const set = (i: number, patch: Partial<Draft>) => setDrafts(drafts.map((d, j) => (j === i ? { ...d, ...patch } : d)))
  const problem = (() => {
    const names = drafts.map((d) => d.name.trim())
    if (names.some((n) => !n)) return 'every attribute needs a name'
    if (new Set(names).size !== names.length) return 'attribute names must be unique'
    const emptyEnum = drafts.find((d) => {
      const a = fromDraft(d)
      return a.type === 'enum' && a.values.length === 0
    })
    if (emptyEnum) return `${emptyEnum.name || 'an enum'} needs at least one value`
    return null
  })()
  const save = async () => {
    setSaving(true)
    try {
      await onSave(drafts.map(fromDraft))
      onClose()
    } catch {
      // The page shows the server's message; keep the drafts for another try.
    } finally {
      setSaving(false)
    }
  }
  return (
    <div className="attr-editor" role="group" aria-label={`Attributes of ${label}`}>
      <div className="attr-editor-head">
        <strong>Attributes of {label}</strong>
        <span className="muted">Set per span in the editor's details panel.</span>
      </div>
      {drafts.length === 0 && <p className="muted attr-empty">No attributes yet.</p>}
      {drafts.map((d, i) => (
        <div className="attr-row" key={i}>
          <input aria-label="Attribute name" placeholder="name, e.g. negated" value={d.name} onChange={(e) => set(i, { name: e.target.value })} />
          <select aria-label="Attribute type" value={d.type} onChange={(e) => set(i, { type: e.target.value as Draft['type'] })}>
            <option value="boolean">boolean</option>
            <option value="enum">enum</option>
          </select>
          {d.type === 'enum' ? (
            <input
              className="attr-values"
              aria-label="Enum values"
              placeholder="values, comma separated: low, high"
              value={d.values}
              onChange={(e) => set(i, { values: e.target.value })}
            />
          ) : (
            <span className="attr-values muted">true / false</span>
          )}
          <button type="button" className="icon-btn" aria-label={`Remove attribute ${d.name}`} onClick={() => setDrafts(drafts.filter((_, j) => j !== i))}>
            ×
          </button>
        </div>
      ))}
      <div className="attr-actions">
        <button type="button" className="btn" onClick={() => setDrafts([...drafts, { name: '', type: 'boolean', values: '' }])}>
          + Attribute
        </button>
        <span className="spacer" />
        {problem && <span className="form-error">{problem}</span>}
        <button type="button" className="btn" onClick={onClose}>
          Cancel
        </button>
        <button type="button" className="btn btn-primary" disabled={!!problem || saving} onClick={() => void save()}>
          Save attributes
        </button>
      </div>
    </div>
  )
}
