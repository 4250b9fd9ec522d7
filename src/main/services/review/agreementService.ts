import { AppError } from '../../../shared/api/errors'
import { AgreementBuilder } from '../../../shared/agreement/corpusAgreement'
import type { AgreementReport } from '../../../shared/agreement/report'
import type { Store } from '../../store/store'

export interface AgreementQuery {
  /** Annotator names; default every human annotator with at least one layer (never the gold layer). */
  annotators?: string[]
  /** Entity labels to compare; default all. */
  labels?: string[]
  /** Documents to compare (row ids); default all. */
  documentIds?: number[]
}

/** Every human annotator who has a layer somewhere: spans, or a status row (they opened a document). */
export function defaultAnnotators(store: Store): string[] {
  return store.annotators.humanNamesWithAnyLayer()
}

/** How a caller follows and stops a long agreement run: checked between documents. */
export interface AgreementHooks {
  /** True once the caller no longer wants the figures: the run stops with a `cancelled` error. */
  shouldStop?: () => boolean
  onProgress?: (done: number, total: number) => void
}

/** Documents between progress reports (a stop is checked at every document). */
const PROGRESS_EVERY = 100

/**
 * Inter-annotator agreement over the workspace or a subset of it: span F1
 * (exact and overlap) and relation F1 per pair, token-level Cohen's kappa per
 * pair, Fleiss' kappa and Krippendorff's alpha overall (the maths is in
 * shared/agreement). Reads one document at a time.
 */
export function computeAgreement(store: Store, query: AgreementQuery = {}, hooks: AgreementHooks = {}): AgreementReport {
  const names = query.annotators ? [...new Set(query.annotators)] : defaultAnnotators(store)
  const ids = names.map((name) => {
    const a = store.annotators.byName(name)
    if (!a) throw new AppError('not_found', `no annotator named ${JSON.stringify(name)} in this workspace`)
    return a.id
  })
  let labels: string[] | undefined
  if (query.labels) {
    labels = [...new Set(query.labels)]
    const unknown = labels.filter((l) => !store.labels.byName('entity', l))
    if (unknown.length) throw new AppError('not_found', `no entity label named ${unknown.map((l) => JSON.stringify(l)).join(', ')} in this workspace's schema`)
  }
  const builder = new AgreementBuilder(names, { labels })
  const reader = store.agreementLayers(ids)
  const docIds = query.documentIds
    ? [...new Set(query.documentIds)].sort((x, y) => x - y)
    : store.documents.idsInIdOrder()
  if (names.length >= 2) {
    const total = docIds.length
    let done = 0
    for (const id of docIds) {
      if (hooks.shouldStop?.()) {
        throw new AppError('cancelled', `agreement cancelled after ${done} of ${total} documents; nothing was changed`, { done, total })
      }
      if (done % PROGRESS_EVERY === 0) hooks.onProgress?.(done, total)
      done++
      const doc = reader.document(id)
      if (!doc) {
        if (query.documentIds) throw new AppError('not_found', `no document with id ${id}`)
        continue
      }
      builder.addDocument(doc, reader.layers(id))
    }
  }
  return builder.report()
}
