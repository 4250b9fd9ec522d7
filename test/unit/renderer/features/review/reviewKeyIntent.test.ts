import { describe, expect, it } from 'vitest'
import type { Disagreement } from '../../../../../src/renderer/features/review/mergedModel'
import { reviewKeyIntent, stepDisagreement } from '../../../../../src/renderer/features/review/reviewKeyIntent'
import type { ReviewCommand } from '../../../../../src/renderer/features/review/reviewKeys'

type State = 'open' | 'accepted' | 'rejected'
/** A disagreement as the merged model has it, reduced to what the keys read: its readings' states. */
const place = (...states: State[]) => ({ resolved: states.every((s) => s !== 'open'), readings: states.map((state) => ({ state })) }) as unknown as Disagreement
const key = (kind: string, index = 0) => (kind === 'choose' ? { kind, index } : { kind }) as ReviewCommand
// Disagreements 0 and 2 decided, 1 and 3 open.
const LIST = [place('accepted'), place('open', 'open'), place('rejected', 'accepted'), place('open')]
const at = (current: number, chosen = 0, over: Partial<Parameters<typeof reviewKeyIntent>[1]> = {}) => ({ disagreements: LIST, current, chosen, open: 2, done: false, layers: 3, ...over })

describe('review keys a reviewer presses', () => {
  it('n and p go to the next and previous open disagreement, as the key list says; once none is open, to the next or previous one', () => {
    expect([-1, 0, 1, 2, 3].map((from) => stepDisagreement(LIST, from, 1))).toEqual([1, 1, 3, 3, 1])
    expect([-1, 0, 1, 2, 3].map((from) => stepDisagreement(LIST, from, -1))).toEqual([3, 3, 3, 1, 1])
    const decided = [place('accepted'), place('rejected')]
    expect([stepDisagreement(decided, -1, 1), stepDisagreement(decided, 0, 1), stepDisagreement(decided, 1, 1), stepDisagreement(decided, 0, -1)]).toEqual([0, 1, 0, 1])
    expect(stepDisagreement([], -1, 1)).toBe(-1)
    expect(reviewKeyIntent(key('next'), at(1))).toEqual({ kind: 'go', index: 3 })
    expect(reviewKeyIntent(key('previous'), at(-1))).toEqual({ kind: 'go', index: 3 })
    expect(reviewKeyIntent(key('next'), at(-1, 0, { disagreements: [] }))).toMatchObject({ kind: 'say', text: expect.stringMatching(/layers agree/) })
  })

  it('a decision before any disagreement is chosen goes to the first open one and decides nothing', () => {
    for (const k of ['acceptOnly', 'accept', 'reject', 'edit', 'choose']) {
      expect(reviewKeyIntent(key(k), at(-1))).toEqual({ kind: 'go', index: 1, say: 'No disagreement was chosen: this is disagreement 2 of 4. Press the key again to decide it.' })
    }
    expect(reviewKeyIntent(key('acceptOnly'), at(1))).toEqual({ kind: 'run' })
  })

  it('Shift+D says why it cannot finish: readings still open, no layer, already done', () => {
    expect(reviewKeyIntent(key('done'), at(1))).toEqual({ kind: 'say', text: '2 disagreements still open: accept or reject every reading before marking the review done (n goes to the next open one).' })
    expect(reviewKeyIntent(key('done'), at(1, 0, { open: 1 }))).toMatchObject({ text: expect.stringMatching(/^1 disagreement still open/) })
    expect(reviewKeyIntent(key('done'), at(1, 0, { open: 0, layers: 0 }))).toMatchObject({ kind: 'say', text: expect.stringMatching(/no annotator layer/) })
    expect(reviewKeyIntent(key('done'), at(1, 0, { open: 0, done: true }))).toMatchObject({ kind: 'say', text: expect.stringMatching(/already marked done/) })
    expect(reviewKeyIntent(key('done'), at(1, 0, { open: 0 }))).toEqual({ kind: 'run' })
  })

  it('accepting a reading already in gold says so, unless Shift+A still has competing readings to reject', () => {
    expect(reviewKeyIntent(key('acceptOnly'), at(0))).toMatchObject({ kind: 'say', text: 'Already in gold: this reading is accepted (n goes to the next open disagreement).' })
    expect(reviewKeyIntent(key('accept'), at(2, 1))).toMatchObject({ kind: 'say' })
    const mixed = [place('accepted', 'open')]
    expect(reviewKeyIntent(key('acceptOnly'), at(0, 0, { disagreements: mixed }))).toEqual({ kind: 'run' })
    expect(reviewKeyIntent(key('accept'), at(0, 0, { disagreements: mixed }))).toMatchObject({ kind: 'say' })
    expect(reviewKeyIntent(key('acceptOnly'), at(0, 1, { disagreements: mixed }))).toEqual({ kind: 'run' })
  })
})
