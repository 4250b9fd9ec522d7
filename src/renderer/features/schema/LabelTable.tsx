import { Fragment, useState } from 'react'
import type { LabelPatch } from '../../../shared/api/methods/schema'
import type { LabelKind, LabelType } from '../../../shared/domain/model'
import { AttributeEditor, AttributeSummary } from './AttributeEditor'
import { ColorField } from './ColorField'
import { CommitInput } from './CommitInput'
import { TypePicker } from './TypePicker'

interface Props {
  kind: LabelKind
  labels: LabelType[]
  /** The entity labels, offered as relation head/tail types. */
  entities: LabelType[]
  usage: Map<number, number>
  onUpdate: (patch: LabelPatch) => Promise<void>
  onDelete: (label: LabelType) => void
}

/** One kind's labels, every field editable in place; each edit saves on its own. */
export function LabelTable({ kind, labels, entities, usage, onUpdate, onDelete }: Props) {
  const [editingAttrs, setEditingAttrs] = useState<number | null>(null)
  const relation = kind === 'relation'
  const columns = relation ? 8 : 7
  return (
    <table className="schema-table" data-testid={`${kind}-labels`}>
      <thead>
        <tr>
          <th className="col-color">Colour</th>
          <th className="col-name">Name</th>
          {relation ? (
            <>
              <th>Head</th>
              <th>Tail</th>
            </>
          ) : (
            <th className="col-key">Key</th>
          )}
          <th>Description</th>
          <th>Attributes</th>
          <th className="num">In use</th>
          <th className="col-actions" aria-label="Actions" />
        </tr>
      </thead>
      <tbody>
        {labels.map((l) => (
          <Fragment key={l.id}>
            <tr data-label={l.name} data-label-id={l.id} style={{ ['--c' as string]: l.color }}>
              <td>
                <ColorField value={l.color} label={l.name} onCommit={(color) => onUpdate({ id: l.id, color })} />
              </td>
              <td>
                <CommitInput
                  className="cell-input name-input mono"
                  aria-label={`Name of ${l.name}`}
                  value={l.name}
                  spellCheck={false}
                  onCommit={(name) => onUpdate({ id: l.id, name: name.trim() })}
                />
              </td>
              {relation ? (
                <>
                  <td>
                    <TypePicker side="head" selected={l.headTypes} entities={entities} onCommit={(headTypes) => onUpdate({ id: l.id, headTypes })} />
                  </td>
                  <td>
                    <TypePicker side="tail" selected={l.tailTypes} entities={entities} onCommit={(tailTypes) => onUpdate({ id: l.id, tailTypes })} />
                  </td>
                </>
              ) : (
                <td>
                  <CommitInput
                    className="cell-input key-input"
                    aria-label={`Key of ${l.name}`}
                    value={l.hotkey ?? ''}
                    maxLength={1}
                    placeholder="–"
                    onCommit={(k) => onUpdate({ id: l.id, hotkey: k.trim() || null })}
                  />
                </td>
              )}
              <td className="col-description">
                <CommitInput
                  className="cell-input"
                  aria-label={`Description of ${l.name}`}
                  title={l.description}
                  value={l.description}
                  placeholder="What this label marks…"
                  onCommit={(description) => onUpdate({ id: l.id, description })}
                />
              </td>
              <td>
                <button
                  type="button"
                  className="attr-cell"
                  aria-label={`Edit attributes of ${l.name}`}
                  aria-expanded={editingAttrs === l.id}
                  onClick={() => setEditingAttrs(editingAttrs === l.id ? null : l.id)}
                >
                  <AttributeSummary attributes={l.attributes} />
                </button>
              </td>
              <td className="num muted" data-testid="label-usage">
                {(usage.get(l.id) ?? 0).toLocaleString()}
              </td>
              <td>
                <button type="button" className="row-delete" aria-label={`Delete ${l.name}`} title={`Delete ${l.name}`} onClick={() => onDelete(l)}>
                  <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden>
                    <path d="M3 4h10M6.5 4V2.5h3V4M4.5 4l.7 9.5h5.6l.7-9.5" fill="none" stroke="currentColor" strokeWidth="1.4" strokeLinejoin="round" />
                  </svg>
                </button>
              </td>
            </tr>
            {editingAttrs === l.id && (
              <tr className="attr-editor-row">
                <td colSpan={columns}>
                  <AttributeEditor label={l.name} attributes={l.attributes} onSave={(attributes) => onUpdate({ id: l.id, attributes })} onClose={() => setEditingAttrs(null)} />
                </td>
              </tr>
            )}
          </Fragment>
        ))}
        {labels.length === 0 && (
          <tr>
            <td colSpan={columns} className="empty">
              No {kind} labels yet.
            </td>
          </tr>
        )}
      </tbody>
    </table>
  )
}
