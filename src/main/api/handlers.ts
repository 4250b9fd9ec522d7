import type { ApiContext } from './context'
import type { Handlers } from './handlerTypes'
import { annotationHandlers } from './handlers/annotationHandlers'
import { documentHandlers } from './handlers/documentHandlers'
import { schemaHandlers } from './handlers/schemaHandlers'
import { sessionHandlers } from './handlers/sessionHandlers'

/** Builds the handler table: one handler per contract method, grouped by capability. */
export function createHandlers(ctx: ApiContext): Handlers {
  return {
    ...sessionHandlers(ctx),
    ...schemaHandlers(ctx),
    ...documentHandlers(ctx),
    ...annotationHandlers(ctx),
  }
}
