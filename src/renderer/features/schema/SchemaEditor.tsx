import { useCallback, useEffect, useMemo, useState } from 'react'
import type { LabelDeletion, LabelPatch, NewLabelArgs } from '../../../shared/api/methods/schema'
import type { LabelType } from '../../../shared/domain/model'
import { call } from '../../api/client'
import { DeleteLabelDialog } from './DeleteLabelDialog'
import { LabelTable } from './LabelTable'
import { NewLabelForm } from './NewLabelForm'
import './schemaEditor.css'

interface Props {
  /** Tells the app the schema changed, so the palette and editor use the new names, colours and keys. */
  onLabelsChanged: (labels: LabelType[]) => void
}

/** The schema editor (#/schema): entity and relation labels, their keys, colours, constraints and attributes. */
export function SchemaEditor({ onLabelsChanged }: Props) {
  const [labels, setLabels] = useState<LabelType[] | null>(null)
  const [usage, setUsage] = useState(new Map<number, number>())
  const [error, setError] = useState<string | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  const [deleting, setDeleting] = useState<{ id: number; preview: LabelDeletion } | null>(null)

  const reload = useCallback(async () => {
    const [l, u] = await Promise.all([call('schema.list', {}), call('schema.usage', {})])
    setLabels(l)
    setUsage(new Map(u.map((x) => [x.id, x.count])))
    onLabelsChanged(l)
  }, [onLabelsChanged])

  useEffect(() => {
    reload().catch((e: Error) => setError(e.message))
  }, [reload])

  useEffect(() => {
    if (!notice) return
    const t = setTimeout(() => setNotice(null), 2500)
    return () => clearTimeout(t)
  }, [notice])

  /** Runs one schema write; shows the server's refusal and rethrows so the field can revert. */
  const write = useCallback(
    async (what: () => Promise<unknown>, done?: string) => {
      try {
        await what()
        setError(null)
        if (done) setNotice(done)
      } catch (e) {
        setError((e as Error).message)
        throw e
      } finally {
        await reload().catch(() => undefined)
      }
    },
    [reload],
  )

  const update = (patch: LabelPatch) => write(() => call('schema.updateLabel', patch), 'Saved')
  const create = (l: NewLabelArgs) => write(() => call('schema.createLabel', l), `Added ${l.name}`)
  const askDelete = (l: LabelType) => {
    call('schema.deleteLabel', { id: l.id })
      .then((preview) => setDeleting({ id: l.id, preview }))
      .catch((e: Error) => setError(e.message))
  }
  const confirmDelete = () => {
    if (!deleting) return
    const { id, preview } = deleting
    setDeleting(null)
    write(() => call('schema.deleteLabel', { id, confirm: true }), `Deleted ${preview.label}`).catch(() => undefined)
  }

  const entities = useMemo(() => labels?.filter((l) => l.kind === 'entity') ?? [], [labels])
  const relations = useMemo(() => labels?.filter((l) => l.kind === 'relation') ?? [], [labels])

  if (!labels) return <section className="schema-editor">{error ? <p className="form-error">{error}</p> : <p className="muted">Loading schema…</p>}</section>

  return (
    <section className="schema-editor" data-testid="schema-editor">
      <div className="schema-head">
        <div>
          <h1>Schema</h1>
          <p className="muted">
            {entities.length} entity labels · {relations.length} relation labels. Changes save as you make them; spans keep their label through a rename.
          </p>
        </div>
        <div className="schema-status" aria-live="polite">
          {error ? (
            <span className="schema-error" role="alert">
              {error}
            </span>
          ) : notice ? (
            <span className="schema-saved">✓ {notice}</span>
          ) : null}
        </div>
      </div>

      <div className="schema-section">
        <div className="schema-section-head">
          <h2>Entity labels</h2>
          <span className="muted">Keys label a selection in the editor. Reserved: <kbd>r</kbd> <kbd>?</kbd> <kbd>/</kbd> <kbd>Tab</kbd> <kbd>0–9</kbd></span>
        </div>
        <LabelTable kind="entity" labels={entities} entities={entities} usage={usage} onUpdate={update} onDelete={askDelete} />
        <NewLabelForm kind="entity" labels={labels} onCreate={create} />
      </div>

      <div className="schema-section">
        <div className="schema-section-head">
          <h2>Relation labels</h2>
          <span className="muted">Head and tail limit which entity types a relation may join; none chosen allows any.</span>
        </div>
        <LabelTable kind="relation" labels={relations} entities={entities} usage={usage} onUpdate={update} onDelete={askDelete} />
        <NewLabelForm kind="relation" labels={labels} onCreate={create} />
      </div>

      {deleting && <DeleteLabelDialog preview={deleting.preview} onConfirm={confirmDelete} onCancel={() => setDeleting(null)} />}
    </section>
  )
}
