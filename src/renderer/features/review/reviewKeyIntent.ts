import type { Disagreement } from './mergedModel'
import type { ReviewCommand } from './reviewKeys'
import { countOf as plural } from '../../../shared/text/plural'

/** What a review key does here: move to a disagreement (saying why, when that is not what was asked), say why not, or run. */
export type KeyIntent = { kind: 'go'; index: number; say?: string } | { kind: 'say'; text: string } | { kind: 'run' }

/**
 * The disagreement `n` (dir 1) or `p` (dir -1) goes to from `from` (-1: none yet): the next one with a reading still
 * open, as the key list says; once none is open, simply the next or previous one, to look back over the decisions.
 */
export function stepDisagreement(list: readonly Disagreement[], from: number, dir: 1 | -1): number {
  const n = list.length
  if (!n) return -1
  const start = from < 0 ? (dir > 0 ? -1 : n) : from
  for (let k = 1; k <= n; k++) {
    const i = (((start + dir * k) % n) + n) % n
    if (!list[i].resolved) return i
  }
  return (((start + dir) % n) + n) % n
}

const DECIDING = new Set<ReviewCommand['kind']>(['accept', 'acceptOnly', 'reject', 'edit', 'choose'])

/**
 * Keys a reviewer presses that would otherwise do nothing, silently: a decision before any disagreement is chosen goes
 * to the first open one (and says so, deciding nothing unseen); Shift+D while readings are open says how many; an
 * accept of a reading already in gold, with nothing else open there, says it is decided (the store would refuse it
 * as an empty decision). Everything else runs as the view has it.
 */
export function reviewKeyIntent(cmd: ReviewCommand, s: { disagreements: readonly Disagreement[]; current: number; chosen: number; open: number; done: boolean; layers: number }): KeyIntent {
  const { disagreements: list, current } = s
  if (cmd.kind === 'next' || cmd.kind === 'previous') {
    const index = stepDisagreement(list, current, cmd.kind === 'next' ? 1 : -1)
    return index < 0 ? { kind: 'say', text: 'No disagreements here: the layers agree.' } : { kind: 'go', index }
  }
  if (cmd.kind === 'done') {
    if (s.done) return { kind: 'say', text: 'This review is already marked done (Shift+R reopens it).' }
    if (!s.layers) return { kind: 'say', text: 'There is no annotator layer to review yet.' }
    if (s.open > 0) return { kind: 'say', text: `${plural(s.open, 'disagreement')} still open: accept or reject every reading before marking the review done (n goes to the next open one).` }
    return { kind: 'run' }
  }
  if (DECIDING.has(cmd.kind) && current < 0) {
    const index = stepDisagreement(list, -1, 1)
    if (index < 0) return { kind: 'say', text: 'No disagreements here: the layers agree.' }
    return { kind: 'go', index, say: `No disagreement was chosen: this is disagreement ${index + 1} of ${list.length}. Press the key again to decide it.` }
  }
  const here = current >= 0 ? list[current] : undefined
  const r = here?.readings[s.chosen]
  if ((cmd.kind === 'accept' || cmd.kind === 'acceptOnly') && r?.state === 'accepted') {
    const othersOpen = here!.readings.some((x, i) => i !== s.chosen && x.state === 'open')
    if (cmd.kind === 'accept' || !othersOpen) return { kind: 'say', text: `Already in gold: this reading is accepted${s.open ? ' (n goes to the next open disagreement)' : ''}.` }
  }
  return { kind: 'run' }
}
