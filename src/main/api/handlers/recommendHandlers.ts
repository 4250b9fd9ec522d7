import type { recommendMethods } from '../../../shared/api/methods/recommend'
import { acceptSuggestions } from '../../services/recommend/acceptService'
import { evaluate } from '../../services/recommend/evaluateService'
import { savePatternFile } from '../../services/recommend/patternFiles'
import { reject, suggest } from '../../services/recommend/recommendService'
import type { ApiContext } from '../context'
import type { HandlerGroup } from '../handlerTypes'

export function recommendHandlers(ctx: ApiContext): HandlerGroup<typeof recommendMethods> {
  return {
    'recommend.suggestions': ({ documentId, annotator, range }) => suggest(ctx.store, { annotator, documentIds: [documentId], range }),
    'recommend.accept': ({ documentId, annotator, suggestions }) => acceptSuggestions(ctx.store, documentId, annotator, suggestions),
    'recommend.reject': (args) => {
      reject(ctx.store, args)
      return { rejected: true as const }
    },
    'recommend.settings.get': () => {
      const rs = ctx.store.recommend
      return { settings: rs.settings(), scores: rs.scores() }
    },
    'recommend.settings.set': (settings) => {
      const rs = ctx.store.recommend
      ctx.store.transaction(() => rs.setSettings(settings))
      return rs.settings()
    },
    'recommend.evaluate': ({ annotator }) => evaluate(ctx.store, { annotator }),
    'recommend.patterns.save': ({ name, text }) => savePatternFile(ctx.store, name, text),
  }
}
