import type { reviewMethods } from '../../../shared/api/methods/review'
import { computeAgreement } from '../../services/review/agreementService'
import { decide, markReviewDone } from '../../services/review/reviewDecisions'
import { acceptItem, premerge, rejectItem, reviewData, setReviewStatus } from '../../services/review/reviewService'
import type { ApiContext } from '../context'
import type { HandlerGroup } from '../handlerTypes'

export function reviewHandlers(ctx: ApiContext): HandlerGroup<typeof reviewMethods> {
  const { store } = ctx
  return {
    'review.agreement': (args) => computeAgreement(store, args),
    'review.layers': (args) => reviewData(store, args),
    'review.accept': (args) => acceptItem(store, args),
    'review.reject': (args) => rejectItem(store, args),
    'review.premerge': (args) => premerge(store, args),
    'review.decide': (args) => decide(store, args),
    'review.done': (args) => markReviewDone(store, args),
    'review.setStatus': (args) => setReviewStatus(store, args),
  }
}
