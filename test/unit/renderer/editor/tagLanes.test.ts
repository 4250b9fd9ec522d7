import { describe, expect, it } from 'vitest'
import { tagLanes } from '../../../../src/renderer/editor/tagLanes'
import { firstLineIsTitle } from '../../../../src/renderer/editor/titleLine'

const oneLine = () => 0

describe('tag lanes above the text', () => {
  it('puts tags far apart in lane 0, and a tag that would cover its neighbour one lane up', () => {
    const lanes = tagLanes(
      [
        { id: 1, start: 0, end: 2, label: 'GPE' },
        { id: 2, start: 3, end: 20, label: 'ORGANIZATION' },
        { id: 3, start: 40, end: 45, label: 'PERSON' },
      ],
      oneLine,
    )
    expect(lanes.get(1)).toBe(0)
    expect(lanes.get(2)).toBe(1)
    expect(lanes.get(3)).toBe(0)
  })

  it('nested spans starting together: the inner (shorter) tag nearest the text; lanes never exceed the maximum', () => {
    const spans = [0, 1, 2, 3, 4].map((i) => ({ id: i + 1, start: 0, end: 10 + i, label: 'PERSON' }))
    const lanes = tagLanes(spans, oneLine, { maxLanes: 3, charRatio: 0.85, padding: 1.2 })
    expect([1, 2, 3, 4, 5].map((id) => lanes.get(id))).toEqual([0, 1, 2, 2, 2])
  })

  it('starts afresh on each line, whatever order the spans come in', () => {
    const lanes = tagLanes(
      [
        { id: 2, start: 12, end: 14, label: 'PERSON' },
        { id: 1, start: 8, end: 10, label: 'PERSON' },
      ],
      (o) => (o < 11 ? 0 : 1),
    )
    expect(lanes.get(1)).toBe(0)
    expect(lanes.get(2)).toBe(0)
  })
})

describe('the first line as a heading', () => {
  it('only when it is the title and more text follows', () => {
    expect(firstLineIsTitle('Floods in Ghent\nThe river rose.', 'Floods in Ghent')).toBe(true)
    expect(firstLineIsTitle('Floods in Ghent\r\nThe river rose.', ' Floods in Ghent ')).toBe(true)
    expect(firstLineIsTitle('The EU fined Google on Tuesday.', 'The EU fined Google on Tuesday.')).toBe(false)
    expect(firstLineIsTitle('The EU fined Google.\n', 'The EU fined Google.')).toBe(false)
    expect(firstLineIsTitle('Floods in Ghent\nThe river rose.', 'doc-17')).toBe(false)
    expect(firstLineIsTitle('Floods in Ghent\nThe river rose.', undefined)).toBe(false)
  })
})
