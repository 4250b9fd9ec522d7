import type { PendingEdit } from './editQueue'

/** What an unconfirmed edit touches: typed, so the screen never parses it back out of a string. */
export type EditTarget =
  | { kind: 'span-create'; id: number }
  | { kind: 'spans-create'; ids: number[] }
  | { kind: 'span-delete'; id: number }
  | { kind: 'span-update'; id: number; fields: string[] }
  | { kind: 'relation-create'; id: number }
  | { kind: 'relation-delete'; id: number }
  | { kind: 'history' }
  | { kind: 'status' }

export type Edit = PendingEdit<EditTarget>

export interface SpanMark {
  className: string
  title: string
}

/** Everything the screen marks for the edits the store has not confirmed, derived once per change of the queue. */
export interface PendingMarks {
  /** A short note per span row ("saving…", "deleting… not saved"). */
  spans: Map<number, string>
  relations: Map<number, string>
  /** Fields of a span changed but not saved yet. */
  fields: Map<number, string[]>
  /** Why a span's field change is not saved (the last failure), if it failed. */
  fieldProblems: Map<number, string>
  /** Class and tooltip for each span in the article. */
  article: Record<number, SpanMark>
  /** Edits whose last attempt failed. */
  unsaved: Edit[]
}

const note = (e: Edit, base: string) => (e.problem ? (base === 'saving…' ? 'not saved' : `${base} not saved`) : base)

export function pendingMarks(edits: readonly Edit[]): PendingMarks {
  const m: PendingMarks = { spans: new Map(), relations: new Map(), fields: new Map(), fieldProblems: new Map(), article: {}, unsaved: [] }
  for (const e of edits) {
    const t = e.target
    const why = e.problem ? `Not saved yet: ${e.problem}` : 'Saving…'
    const unsaved = e.problem ? ' sw-span--unsaved' : ''
    if (e.problem) m.unsaved.push(e)
    switch (t.kind) {
      case 'span-create':
      case 'spans-create':
        for (const id of t.kind === 'span-create' ? [t.id] : t.ids) {
          m.spans.set(id, note(e, 'saving…'))
          m.article[id] = { className: `sw-span--pending${unsaved}`, title: why }
        }
        break
      case 'span-delete':
        m.spans.set(t.id, note(e, 'deleting…'))
        m.article[t.id] = { className: `sw-span--deleting${unsaved}`, title: `Deleting… ${why}` }
        break
      case 'span-update':
        m.fields.set(t.id, [...(m.fields.get(t.id) ?? []), ...t.fields])
        if (e.problem) m.fieldProblems.set(t.id, e.problem)
        m.article[t.id] ??= { className: `sw-span--pending${unsaved}`, title: `Change ${why.toLowerCase()}` }
        break
      case 'relation-create':
        m.relations.set(t.id, note(e, 'saving…'))
        break
      case 'relation-delete':
        m.relations.set(t.id, note(e, 'deleting…'))
        break
    }
  }
  return m
}

/** Whether an edit of this kind for this item is already queued (a second delete of one span is ignored). */
export function isQueued(edits: readonly Edit[], kind: 'span-delete' | 'relation-delete', id: number): boolean {
  return edits.some((e) => e.target.kind === kind && e.target.id === id)
}
