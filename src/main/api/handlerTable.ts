import type { ApiContext } from './context'
import type { Handlers } from './handlerTypes'
import { annotationHandlers } from './handlers/annotationHandlers'
import { conflictHandlers } from './handlers/conflictHandlers'
import { documentHandlers } from './handlers/documentHandlers'
import { historyHandlers } from './handlers/historyHandlers'
import { recommendHandlers } from './handlers/recommendHandlers'
import { reviewHandlers } from './handlers/reviewHandlers'
import { schemaHandlers } from './handlers/schemaHandlers'
import { sessionHandlers } from './handlers/sessionHandlers'
import { teamHandlers } from './handlers/teamHandlers'
import { transferHandlers } from './handlers/transferHandlers'
import { workspaceHandlers } from './handlers/workspaceHandlers'

/** Builds the handler table: one handler per contract method, grouped by capability. */
export function createHandlers(ctx: ApiContext): Handlers {
  return {
    ...sessionHandlers(ctx),
    ...schemaHandlers(ctx),
    ...documentHandlers(ctx),
    ...annotationHandlers(ctx),
    ...historyHandlers(ctx),
    ...reviewHandlers(ctx),
    ...workspaceHandlers(ctx),
    ...transferHandlers(ctx),
    ...recommendHandlers(ctx),
    ...conflictHandlers(ctx),
    ...teamHandlers(ctx),
  }
}
