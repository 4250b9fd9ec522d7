import { useEffect, useRef, useState } from 'react'
import type { AttributeValue, LabelType, Span } from '../../../shared/domain/model'
import type { SpanUpdate } from '../../../shared/api/methods/annotations'
import { normLink } from './normLink'

/**
 * The selected span's details: label, note, the label's schema attributes and
 * a normalization id. Choices save at once; typed text saves on blur (or Enter
 * in the id field).
 */
export function SpanDetails(props: {
  span: Span
  text: string
  labels: LabelType[]
  pending: boolean
  /** Fields changed here that the store has not confirmed yet, and why the last save failed (null: in flight). */
  unsavedFields?: string[]
  unsavedProblem?: string | null
  /** Resolves false when the store refused the change (the caller says why). */
  onSave: (change: Omit<SpanUpdate, 'id'>) => Promise<boolean>
}) {
  const { span } = props
  // Saves run in order (the screen's edit queue), and while any is in flight
  // the local choices stay authoritative: otherwise the answer to an earlier
  // save (say, the note's) would reset the attributes, and the next choice
  // would be built on that stale copy and overwrite an attribute just set.
  const [settled, setSettled] = useState(0)
  const inFlight = useRef(0)
  const attributesNow = useRef(span.attributes)
  const save = (change: Omit<SpanUpdate, 'id'>): Promise<boolean> => {
    inFlight.current++
    return props.onSave(change).finally(() => {
      // Once the last save is answered, follow the store again (a relabel may drop attributes).
      if (--inFlight.current === 0) setSettled((n) => n + 1)
    })
  }
  // Local copies show a choice at once; they follow the store's answer (a save, a refusal, an undo).
  const [note, setNote] = useState(span.note)
  const [norm, setNorm] = useState(span.norm ?? '')
  const [labelName, setLabelName] = useState(span.label)
  const [attributes, setAttributes] = useState(span.attributes)
  useEffect(() => setNote(span.note), [span.id, span.note])
  useEffect(() => setNorm(span.norm ?? ''), [span.id, span.norm])
  useEffect(() => setLabelName(span.label), [span.id, span.label])
  useEffect(() => {
    if (inFlight.current > 0) return
    attributesNow.current = span.attributes
    setAttributes(span.attributes)
  }, [span.id, span.attributes, settled])

  const label = props.labels.find((l) => l.name === labelName)
  // A field whose change the store has not confirmed keeps the new value, marked unsaved.
  const fieldClass = (name: string) => (props.unsavedFields?.includes(name) ? 'field field--unsaved' : 'field')
  const setAttribute = (name: string, value: AttributeValue | null) => {
    const next = { ...attributesNow.current }
    if (value === null) delete next[name]
    else next[name] = value
    attributesNow.current = next
    setAttributes(next)
    void save({ attributes: next }).then((ok) => {
      if (!ok) {
        attributesNow.current = span.attributes
        setAttributes(span.attributes)
      }
    })
  }
  const relabel = (name: string) => {
    setLabelName(name)
    void save({ label: name }).then((ok) => ok || setLabelName(span.label))
  }
  const link = normLink(norm)
  const saveNorm = () => {
    if (norm.trim() !== (span.norm ?? '')) void save({ norm: norm.trim() || null })
  }

  return (
    <section className="span-details" data-span-details={span.id} aria-label="Span details">
      <h2>Span details</h2>
      <p className="details-text">
        <span className="chip-label" style={{ ['--c' as string]: label?.color ?? '#888' }}>
          {labelName}
        </span>
        “{props.text.slice(span.start, span.end)}”
      </p>
      {props.pending && <p className="muted">Saving this span… its details can be edited once it is saved.</p>}

      <fieldset disabled={props.pending}>
        <label className={fieldClass('label')}>
          <span>Label</span>
          <select aria-label="Label" value={labelName} onChange={(e) => {
              relabel(e.target.value)
              e.currentTarget.blur() // hand the keys back to the document (r, Delete, Ctrl+Z)
            }}>
            {props.labels.map((l) => (
              <option key={l.id} value={l.name}>
                {l.name}
              </option>
            ))}
          </select>
        </label>
        {label?.attributes.map((a) =>
          a.type === 'boolean' ? (
            <label key={a.name} className={`${fieldClass('attributes')} field-check`}>
              <input
                type="checkbox"
                aria-label={a.name}
                checked={attributes[a.name] === true}
                onChange={(e) => {
                  setAttribute(a.name, e.target.checked)
                  e.currentTarget.blur()
                }}
              />
              <span>{a.name}</span>
            </label>
          ) : (
            <label key={a.name} className={fieldClass('attributes')}>
              <span>{a.name}</span>
              <select
                aria-label={a.name}
                value={typeof attributes[a.name] === 'string' ? (attributes[a.name] as string) : ''}
                onChange={(e) => {
                  setAttribute(a.name, e.target.value || null)
                  e.currentTarget.blur()
                }}
              >
                <option value="">—</option>
                {a.values.map((v) => (
                  <option key={v} value={v}>
                    {v}
                  </option>
                ))}
              </select>
            </label>
          ),
        )}
        <label className={fieldClass('note')}>
          <span>Note</span>
          <textarea
            aria-label="Note"
            rows={3}
            value={note}
            placeholder="Free text: doubts, context, a question for the reviewer"
            onChange={(e) => setNote(e.target.value)}
            onBlur={() => note !== span.note && void save({ note })}
          />
        </label>
        <label className={fieldClass('norm')}>
          <span>Normalization id</span>
          <input
            aria-label="Normalization id"
            value={norm}
            placeholder="e.g. Q22316 (Wikidata)"
            spellCheck={false}
            onChange={(e) => setNorm(e.target.value)}
            onBlur={saveNorm}
            onKeyDown={(e) => e.key === 'Enter' && (e.currentTarget as HTMLInputElement).blur()}
          />
        </label>
        {link && (
          <a className="norm-link" href={link} target="_blank" rel="noreferrer noopener">
            {norm.trim()} ↗
          </a>
        )}
        {/* Said only once a save has failed, and below the fields: a line appearing above them would move them under the pointer. */}
        {!!props.unsavedFields?.length && props.unsavedProblem && (
          <p className="details-unsaved" data-unsaved-fields={props.unsavedFields.join(' ')}>
            Not saved yet: {props.unsavedFields.join(', ')} ({props.unsavedProblem}); retrying…
          </p>
        )}
      </fieldset>
    </section>
  )
}
