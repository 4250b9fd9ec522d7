import type { historyMethods } from '../../../shared/api/methods/history'
import { listHistory, redo, undo } from '../../services/annotate/historyService'
import type { ApiContext } from '../context'
import type { HandlerGroup } from '../handlerTypes'

export function historyHandlers(ctx: ApiContext): HandlerGroup<typeof historyMethods> {
  return {
    'history.undo': (args) => undo(ctx.store, args),
    'history.redo': (args) => redo(ctx.store, args),
    'history.list': (args) => listHistory(ctx.store, args),
  }
}
