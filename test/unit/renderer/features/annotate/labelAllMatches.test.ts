import { describe, expect, it } from 'vitest'
import { matchContext, planLabelAll } from '../../../../../src/renderer/features/annotate/labelAllMatches'
import { stepTextSize, TEXT_SIZES } from '../../../../../src/renderer/features/annotate/textSize'
import { findInDocument } from '../../../../../src/renderer/features/annotate/textSearch'
import { spanFixture } from '../../../../helpers/spanFixture'

const text = 'Kerry met Kerryville officials. KERRY left; kerry returned.\nKerry again.'

describe('label all matches: the plan behind the preview', () => {
  it('labels every whole-word match (any case), leaving out part-word hits and ranges already labelled with that label', () => {
    const hits = findInDocument(text, 'kerry').hits
    expect(hits).toHaveLength(5)
    const labelled = [spanFixture({ id: 1, start: 0, end: 5, label: 'PERSON' }), spanFixture({ id: 2, start: 32, end: 37, label: 'ORG' })]
    const plan = planLabelAll(text, hits, labelled, 'PERSON', true)
    expect(plan.partWords).toBe(1)
    expect(plan.alreadyLabelled).toBe(1)
    expect(plan.ranges.map((r) => text.slice(r.start, r.end))).toEqual(['KERRY', 'kerry', 'Kerry'])
    // Another label: the ORG span does not count as done for PERSON and vice versa.
    expect(planLabelAll(text, hits, labelled, 'ORG', true).ranges).toHaveLength(3)
  })

  it('with whole words off, part-word hits are labelled too', () => {
    const plan = planLabelAll(text, findInDocument(text, 'kerry').hits, [], 'PERSON', false)
    expect(plan.ranges).toHaveLength(5)
    expect(plan.partWords).toBe(0)
  })

  it('shows each match with its context on one line', () => {
    const c = matchContext(text, { start: 60, end: 65 }, 10)
    expect(c).toEqual({ before: '…returned. ', match: 'Kerry', after: ' again.' })
  })
})

describe('text size steps', () => {
  it('steps through the sizes, stays at the ends, and 0 resets to the default', () => {
    expect(stepTextSize(17, 1)).toBe(19)
    expect(stepTextSize(17, -1)).toBe(15)
    expect(stepTextSize(TEXT_SIZES[0], -1)).toBe(TEXT_SIZES[0])
    expect(stepTextSize(TEXT_SIZES[TEXT_SIZES.length - 1], 1)).toBe(TEXT_SIZES[TEXT_SIZES.length - 1])
    expect(stepTextSize(21, 0)).toBe(17)
    expect(stepTextSize(16, 1)).toBe(19)
  })
})
