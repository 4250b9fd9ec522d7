import type { schemaMethods } from '../../../shared/api/methods/schema'
import type { ApiContext } from '../context'
import type { HandlerGroup } from '../handlerTypes'

export function schemaHandlers(ctx: ApiContext): HandlerGroup<typeof schemaMethods> {
  return {
    'schema.list': () => ctx.store.labels.list(),
  }
}
