import { useCallback, useRef, useState } from 'react'
import type { ReviewData, ReviewEdit } from '../../../shared/api/methods/review'
import { call } from '../../api/client'
import type { Disagreement, Reading } from './mergedModel'
import { countOf } from '../../../shared/text/plural'

const itemsOf = (r: Reading) => r.itemIds.map((id) => ({ kind: r.kind, id }))
const who = (r: Reading) => r.annotators.join(', ')

/**
 * The review's calls to the server, each answered with the document's review
 * as it now is (so the open count always comes from what is stored), one at a
 * time, with a short message for the toast.
 */
export function useReviewActions(data: ReviewData | null, setData: (d: ReviewData) => void, reviewer: string) {
  const [message, setMessage] = useState<{ kind: 'error' | 'info'; text: string } | null>(null)
  const busy = useRef(false)
  const flash = useCallback((kind: 'error' | 'info', text: string) => {
    setMessage({ kind, text })
    window.setTimeout(() => setMessage((m) => (m?.text === text ? null : m)), kind === 'error' ? 6000 : 3000)
  }, [])

  /** Runs one call; resolves true when it succeeded. */
  const act = useCallback(
    async (what: string, fn: () => Promise<ReviewData | { review: ReviewData; message: string }>): Promise<boolean> => {
      if (busy.current) return false
      busy.current = true
      try {
        const r = await fn()
        setData('message' in r ? r.review : r)
        flash('info', 'message' in r ? r.message : what)
        return true
      } catch (e) {
        flash('error', (e as Error).message)
        return false
      } finally {
        busy.current = false
      }
    },
    [flash, setData],
  )

  const documentId = data?.document.id ?? 0
  const decideCall = useCallback(
    async (args: { accept?: { item: { kind: Reading['kind']; id: number }; edit?: ReviewEdit }; reject?: { kind: Reading['kind']; id: number }[]; unreject?: { kind: Reading['kind']; id: number }[]; unaccept?: { kind: Reading['kind']; id: number }[] }) =>
      (await call('review.decide', { documentId, reviewer, ...args })).review,
    [documentId, reviewer],
  )

  const accept = useCallback(
    (r: Reading, edit?: ReviewEdit) =>
      act(`Accepted ${edit?.label ?? r.label} (${who(r)})${edit ? ', edited,' : ''} into gold`, () => decideCall({ accept: { item: itemsOf(r)[0], ...(edit ? { edit } : {}) } })),
    [act, decideCall],
  )
  const reject = useCallback(
    (r: Reading) =>
      r.state === 'rejected'
        ? act(`Took back the rejection of ${r.label} (${who(r)})`, () => decideCall({ unreject: itemsOf(r) }))
        : r.state === 'accepted'
          ? act(`Took ${r.label} (${who(r)}) out of gold and rejected it`, () => decideCall({ unaccept: itemsOf(r), reject: itemsOf(r) }))
          : act(`Rejected ${r.label} (${who(r)})`, () => decideCall({ reject: itemsOf(r) })),
    [act, decideCall],
  )
  /** Accepts `r` and rejects every other reading of the disagreement that gold does not already hold. */
  const acceptOnly = useCallback(
    (d: Disagreement, r: Reading) => {
      const others = d.readings.filter((o) => o.key !== r.key && o.state !== 'accepted')
      const rest = others.length ? `, rejected ${others.length} other reading${others.length === 1 ? '' : 's'}` : ''
      return act(`Accepted ${r.label} (${who(r)})${rest}`, () =>
        decideCall({ ...(r.state === 'accepted' ? {} : { accept: { item: itemsOf(r)[0] } }), reject: others.flatMap(itemsOf) }),
      )
    },
    [act, decideCall],
  )
  const premerge = useCallback(
    (quorum: number) =>
      act('', async () => {
        const r = await call('review.premerge', { documentId, reviewer, quorum })
        return { review: r.review, message: `Pre-merge copied ${countOf(r.spans, 'span')} and ${countOf(r.relations, 'relation')} into gold` }
      }),
    [act, documentId, reviewer],
  )
  const undoGold = useCallback(
    () =>
      act('Undid the last gold change', async () => {
        const step = await call('history.undo', { documentId, annotator: 'gold' })
        if (!step.entry) throw new Error('Nothing to undo in gold')
        return call('review.layers', { documentId })
      }),
    [act, documentId],
  )
  const markDone = useCallback(
    (done: boolean) =>
      act('', async () => {
        const review = await call('review.done', { documentId, reviewer, done })
        const copied = review.agreedCopied ? `; ${review.agreedCopied} agreed item${review.agreedCopied === 1 ? '' : 's'} copied into gold` : ''
        return { review, message: done ? `Review marked done${copied}` : 'Review reopened' }
      }),
    [act, documentId, reviewer],
  )
  return { message, flash, accept, reject, acceptOnly, premerge, undoGold, markDone }
}
