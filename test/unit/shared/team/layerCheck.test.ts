import { describe, expect, it } from 'vitest'
import { layerProblem } from '../../../../src/shared/team/layerCheck'

const span = (start: unknown, end: unknown, label: unknown = 'PERSON') => ({ label, cells: { start, end, note: '' } })

describe('layerProblem (a pulled layer is checked before it is stored)', () => {
  it('accepts a well-formed layer', () => {
    expect(layerProblem({ spans: [span(0, 3), span(4, 10)], relations: [{ label: 'R', head: 0, tail: 1, cells: {} }], status: 'done' }, 10)).toBeNull()
    expect(layerProblem({ spans: [], relations: [], status: null }, 0)).toBeNull()
  })
  it.each([
    ['not an object', 'x', /content/],
    ['a span past the text', { spans: [span(0, 11)], relations: [], status: null }, /spans\.0: 0-11 is not a range of the document \(10 characters\)/],
    ['an empty span', { spans: [span(3, 3)], relations: [], status: null }, /spans\.0: 3-3/],
    ['a negative offset', { spans: [span(-1, 2)], relations: [], status: null }, /spans\.0\.cells\.start/],
    ['a fractional offset', { spans: [span(0.5, 2)], relations: [], status: null }, /spans\.0\.cells\.start/],
    ['a label that is not text', { spans: [span(0, 2, 7)], relations: [], status: null }, /spans\.0\.label/],
    ['a cell holding an object', { spans: [{ label: 'P', cells: { start: 0, end: 2, note: { x: 1 } } }], relations: [], status: null }, /spans\.0\.cells\.note/],
    ['a relation to no span', { spans: [span(0, 2)], relations: [{ label: 'R', head: 0, tail: 1, cells: {} }], status: null }, /relations\.0: its head or tail names no span/],
    ['an unknown status', { spans: [], relations: [], status: 'finished' }, /status/],
    ['an extra key', { spans: [], relations: [], status: null, sql: 'DROP' }, /content|sql/],
  ])('refuses %s', (_name, content, reason) => {
    expect(layerProblem(content, 10)).toMatch(reason)
  })
})
