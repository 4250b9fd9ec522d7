import { useCallback, useState } from 'react'
import type { DocStatus, DocumentRecord } from '../../../shared/domain/model'
import { call } from '../../api/client'
import { documentHref } from '../../app/useHashRoute'
import type { EditQueue } from './editQueue'
import { nextNotDone } from './nextDocument'
import type { EditTarget } from './pendingMarks'

/**
 * The document's status for this annotator, changed through the edit queue
 * (after every edit made before): Mark done / Reopen shows at once and a
 * refusal puts the old status back; Done & next waits for unsaved edits, then
 * opens the next document in library order that is not done.
 */
export function useDocumentStatus(doc: DocumentRecord | null, annotator: string, queue: EditQueue<EditTarget>, unsavedEdits: number, flash: (kind: 'error' | 'info', text: string) => void) {
  const [status, setStatus] = useState<DocStatus>('todo')
  const touched = useCallback(() => setStatus((st) => (st === 'todo' ? 'in_progress' : st)), [])
  const save = useCallback(
    (what: string, next: DocStatus, requestId: string) => call('documents.setStatus', { documentId: doc!.id, annotator, status: next }, { requestId }).then(() => what),
    [doc, annotator],
  )

  const markDone = useCallback(() => {
    if (!doc) return
    const before = status
    const next: DocStatus = status === 'done' ? 'in_progress' : 'done'
    setStatus(next)
    const what = next === 'done' ? 'Marking this document done' : 'Reopening this document'
    queue.run(what, { kind: 'status' }, (requestId) => save(what, next, requestId)).catch((e: Error) => {
      setStatus(before)
      flash('error', e.message)
    })
  }, [doc, status, queue, save, flash])

  const finishAndNext = useCallback(async () => {
    if (!doc) return
    if (unsavedEdits) return flash('info', `Wait for ${unsavedEdits === 1 ? 'the unsaved edit' : `the ${unsavedEdits} unsaved edits`} to be saved before moving on.`)
    try {
      const what = 'Marking this document done'
      await queue.run(what, { kind: 'status' }, (requestId) => save(what, 'done', requestId))
      setStatus('done')
      const next = nextNotDone(await call('documents.list', { annotator }), doc.id)
      if (next) window.location.hash = documentHref(next.externalId)
      else flash('info', 'Marked done. Every document is done now.')
    } catch (e) {
      flash('error', (e as Error).message)
    }
  }, [doc, unsavedEdits, queue, save, annotator, flash])

  return { status, setStatus, touched, markDone, finishAndNext }
}
