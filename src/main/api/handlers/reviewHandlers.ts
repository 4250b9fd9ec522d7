import type { reviewMethods } from '../../../shared/api/methods/review'
import { computeAgreement } from '../../services/review/agreementService'
import { decide, markReviewDone } from '../../services/review/reviewDecisions'
import { acceptItem, premerge, rejectItem, reviewData, setReviewStatus } from '../../services/review/reviewService'
import type { ApiContext } from '../context'
import type { HandlerGroup } from '../handlerTypes'

export function reviewHandlers(ctx: ApiContext): HandlerGroup<typeof reviewMethods> {
  return {
    'review.agreement': (args) => computeAgreement(ctx.store, args),
    'review.layers': (args) => reviewData(ctx.store, args),
    'review.accept': (args) => acceptItem(ctx.store, args),
    'review.reject': (args) => rejectItem(ctx.store, args),
    'review.premerge': (args) => premerge(ctx.store, args),
    'review.decide': (args) => decide(ctx.store, args),
    'review.done': (args) => markReviewDone(ctx.store, args),
    'review.setStatus': (args) => setReviewStatus(ctx.store, args),
  }
}
