import type { ApiContext } from './context'
import { createHandlers } from './handlers'
import type { Handlers } from './handlerTypes'

/**
 * The handler table a transport serves, over a context whose store a restore
 * may replace: the table is then rebuilt in place, so the transport's reference
 * stays valid and every later call sees the new store.
 */
export function createApiHandlers(ctx: ApiContext): Handlers {
  const table = createHandlers(ctx)
  ctx.storeReplaced = () => void Object.assign(table, createHandlers(ctx))
  return table
}
