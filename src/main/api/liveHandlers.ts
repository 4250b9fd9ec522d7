import type { ApiContext } from './context'
import { createHandlers } from './handlerTable'
import type { Handlers } from './handlerTypes'

/**
 * The handler table a transport serves, over a context whose store this
 * process owns: a restore may replace `ctx.store`, and since every handler
 * reads the store through the context at each call, the table (and the
 * transport's reference to it) stays as it is.
 */
export function createApiHandlers(ctx: ApiContext): Handlers {
  ctx.ownsStore = true
  return createHandlers(ctx)
}
