import type { DocStatus } from '../../../shared/domain/model'
import { call } from '../../api/client'

/**
 * The document to open after finishing `currentId`: the next one in library
 * order that is not done, wrapping around to the start; null when every other
 * document is done. Documents a team admin assigned to the annotator come
 * first, as in the library. The store answers in one indexed query, so this
 * stays instant on a corpus of any size.
 */
export function fetchNextNotDone(annotator: string, currentId: number): Promise<{ id: number; externalId: string } | null> {
  return call('documents.next', { annotator, documentId: currentId, notDone: true, assignedFirst: true })
}

/** The annotator's status of one document, without listing the library. */
export async function fetchStatus(annotator: string, documentId: number): Promise<DocStatus> {
  return (await call('documents.status', { annotator, documentId })).status
}

/** The same rule over a list already in hand (kept for the pure unit tests of the order). */
export function nextNotDone<T extends { id: number; status: DocStatus }>(library: T[], currentId: number): T | null {
  const at = library.findIndex((d) => d.id === currentId)
  for (let k = 1; k <= library.length; k++) {
    const d = library[(at + k + library.length) % library.length]
    if (d.id !== currentId && d.status !== 'done') return d
  }
  return null
}
