import { useEffect, useState } from 'react'
import { call } from '../../api/client'

/** Reviews named before "…". */
const NAMED = 5

/**
 * Said before a gold export, beside the choice of the gold layer: the reviews marked done whose annotators changed
 * their layers since (review.changedSinceDone, the documents `spanwright review status` lists and the export's report
 * warns of). Their gold is written as the reviewer left it, which a model trained on it would not know.
 */
export function GoldChangedNotice() {
  const [found, setFound] = useState<{ n: number; ids: string[] } | null>(null)
  useEffect(() => {
    let live = true
    call('review.changedSinceDone', { limit: NAMED }).then(
      (r) => live && setFound({ n: r.changedReviews, ids: r.reviews.map((x) => x.externalId) }),
      () => undefined,
    )
    return () => {
      live = false
    }
  }, [])
  if (!found?.n) return null
  return (
    <p className="warnings" role="status" data-testid="export-gold-changed">
      {found.n === 1 ? '1 review' : `${found.n.toLocaleString()} reviews`} marked done changed since ({found.ids.join(', ')}
      {found.n > found.ids.length ? ', …' : ''}): annotators changed their layers after the finish, and their gold is
      exported as the reviewer left it. Reopen {found.n === 1 ? 'it' : 'them'} to take the changes in (the Agreement
      screen lists them).
    </p>
  )
}
