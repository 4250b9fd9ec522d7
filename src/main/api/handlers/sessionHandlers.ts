import type { AppInfo } from '../../../shared/api/methods/session'
import type { ApiContext } from '../context'
import type { HandlerGroup } from '../handlerTypes'
import type { sessionMethods } from '../../../shared/api/methods/session'

export const ANNOTATOR_KEY = 'session.annotator'

export function sessionHandlers(ctx: ApiContext): HandlerGroup<typeof sessionMethods> {
  const info = (): AppInfo => ({
    version: ctx.version,
    workspace: ctx.store.file,
    annotator: ctx.store.settings.get(ANNOTATOR_KEY),
    transport: ctx.transport,
  })
  return {
    'app.info': () => info(),
    'session.setAnnotator': ({ name }) => {
      ctx.store.annotators.ensure(name)
      ctx.store.settings.set(ANNOTATOR_KEY, name)
      return info()
    },
    'annotators.list': () => ctx.store.annotators.list(),
  }
}
