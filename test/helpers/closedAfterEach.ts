import { afterEach } from 'vitest'
import type { Store } from '../../src/main/store/store'
import { tempStore } from './tempWorkspace'

/**
 * For test files that open many workspaces: returns a `tempStore` whose
 * stores are closed after each test. Call it once, at the top of the file
 * (it registers the afterEach).
 */
export function tempStoresClosedAfterEach(): typeof tempStore {
  const open: Store[] = []
  afterEach(() => {
    while (open.length) open.pop()!.close()
  })
  return (opts) => {
    const ws = tempStore(opts)
    open.push(ws.store)
    return ws
  }
}
