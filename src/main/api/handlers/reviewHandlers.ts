import type { reviewMethods } from '../../../shared/api/methods/review'
import { currentCallScope } from '../../services/jobs/callScope'
import { changedReviews } from '../../services/review/changedReviews'
import { computeAgreement } from '../../services/review/agreementService'
import { decide, markReviewDone } from '../../services/review/reviewDecisions'
import { acceptItem, premerge, rejectItem, reviewData, setReviewStatus } from '../../services/review/reviewService'
import type { ApiContext } from '../context'
import type { HandlerGroup } from '../handlerTypes'

export function reviewHandlers(ctx: ApiContext): HandlerGroup<typeof reviewMethods> {
  return {
    // In the API worker a run hears a cancel (answered by the worker's host) between documents.
    'review.agreement': (args) => {
      const scope = currentCallScope()
      return computeAgreement(ctx.store, args, scope ? { shouldStop: () => scope.stopRequested(), onProgress: (done, total) => scope.progress(done, total) } : {})
    },
    // Here (no worker) an agreement call runs to its end before any other call: there is never one to stop.
    'review.cancelAgreement': () => ({ cancelled: false, done: 0, total: null }),
    'review.layers': (args) => reviewData(ctx.store, args),
    'review.accept': (args) => acceptItem(ctx.store, args),
    'review.reject': (args) => rejectItem(ctx.store, args),
    'review.premerge': (args) => premerge(ctx.store, args),
    'review.decide': (args) => decide(ctx.store, args),
    'review.done': (args) => markReviewDone(ctx.store, args),
    'review.setStatus': (args) => setReviewStatus(ctx.store, args),
    'review.changedSinceDone': (args) => changedReviews(ctx.store, args),
  }
}
