import type { historyMethods } from '../../../shared/api/methods/history'
import { listHistory, redo, undo } from '../../services/annotate/historyService'
import type { ApiContext } from '../context'
import type { HandlerGroup } from '../handlerTypes'

export function historyHandlers(ctx: ApiContext): HandlerGroup<typeof historyMethods> {
  const { store } = ctx
  return {
    'history.undo': (args) => undo(store, args),
    'history.redo': (args) => redo(store, args),
    'history.list': (args) => listHistory(store, args),
  }
}
