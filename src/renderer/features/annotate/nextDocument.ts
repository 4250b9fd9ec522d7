import type { DocStatus } from '../../../shared/domain/model'

/**
 * The document to open after finishing `currentId`: the next one in library
 * order that is not done, wrapping around to the start; null when every other
 * document is done.
 */
export function nextNotDone<T extends { id: number; status: DocStatus }>(library: T[], currentId: number): T | null {
  const at = library.findIndex((d) => d.id === currentId)
  for (let k = 1; k <= library.length; k++) {
    const d = library[(at + k + library.length) % library.length]
    if (d.id !== currentId && d.status !== 'done') return d
  }
  return null
}
