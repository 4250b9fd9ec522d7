import type { recommendMethods } from '../../../shared/api/methods/recommend'
import { acceptSuggestions } from '../../services/recommend/acceptService'
import { evaluate } from '../../services/recommend/evaluateService'
import { savePatternFile } from '../../services/recommend/patternFiles'
import { reject, suggest } from '../../services/recommend/recommendService'
import { cancelRun, inRun } from '../../services/recommend/recommendRuns'
import type { ApiContext } from '../context'
import type { HandlerGroup } from '../handlerTypes'

export function recommendHandlers(ctx: ApiContext): HandlerGroup<typeof recommendMethods> {
  return {
    // A run given an id is stopped by recommend.cancel, answered by this same worker while the run waits or between documents.
    'recommend.suggestions': ({ documentId, annotator, range, runId }) =>
      inRun(runId, (run) => suggest(ctx.store, { annotator, documentIds: [documentId], range, signal: run.signal, onProgress: run.progress })),
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
    'recommend.evaluate': ({ annotator, runId }) => inRun(runId, (run) => evaluate(ctx.store, { annotator, signal: run.signal, onProgress: run.progress })),
    'recommend.cancel': ({ runId }) => cancelRun(runId),
    'recommend.patterns.save': ({ name, text }) => savePatternFile(ctx.store, name, text),
  }
}
