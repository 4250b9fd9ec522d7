import type { schemaMethods } from '../../../shared/api/methods/schema'
import { createLabel, deleteLabel, updateLabel } from '../../services/schema/schemaService'
import type { ApiContext } from '../context'
import type { HandlerGroup } from '../handlerTypes'

export function schemaHandlers(ctx: ApiContext): HandlerGroup<typeof schemaMethods> {
  return {
    'schema.list': () => ctx.store.labels.list(),
    'schema.usage': () => ctx.store.labels.usageAll(),
    'schema.createLabel': (args) => createLabel(ctx.store, args),
    'schema.updateLabel': (patch) => updateLabel(ctx.store, patch),
    'schema.deleteLabel': ({ id, confirm }) => deleteLabel(ctx.store, id, confirm ?? false),
  }
}
