import type { conflictMethods } from '../../../shared/api/methods/conflicts'
import { listConflicts, resolveConflict } from '../../services/team/conflictService'
import type { ApiContext } from '../context'
import type { HandlerGroup } from '../handlerTypes'

export function conflictHandlers(ctx: ApiContext): HandlerGroup<typeof conflictMethods> {
  return {
    'conflicts.list': (args) => listConflicts(ctx.store, args),
    'conflicts.resolve': (args) => resolveConflict(ctx.store, args),
  }
}
