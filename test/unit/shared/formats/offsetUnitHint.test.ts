import { describe, expect, it } from 'vitest'
import { streamCodec } from '../../../../src/shared/formats/registry'
import { decodeAll, errors, records } from './formatTestUtil'

/**
 * Tools count offsets in different units: Label Studio's editor counted
 * UTF-16 code units before it moved to code points (label-studio#1347), so
 * both are in real exports. When a region's `text` disagrees at the offsets
 * as read, but agrees in the other unit, the refusal says which option
 * reads the file; the import itself stays explicit (no guessing per span).
 */

const ls = streamCodec('labelstudio')
const TEXT = '😀 Barack Obama met 👍 Angela'
const task = (start: number, end: number, text: string) =>
  JSON.stringify([{ data: { text: TEXT }, annotations: [{ result: [{ id: 'a', type: 'labels', value: { start, end, text, labels: ['PER'] } }] }] }])

describe('offset unit hints', () => {
  it('a region at UTF-16 offsets read as code points: refused, naming --offsets utf16; with it, imported', () => {
    const file = task(3, 15, 'Barack Obama')
    expect(errors(decodeAll(ls, file)).map((e) => e.reason)).toEqual([
      'task 0: annotations[0].result[0]: text "Barack Obama" does not match the document text "arack Obama " at 3-15 (code points); it matches at these offsets in UTF-16 code units: pass --offsets utf16',
    ])
    const [r] = records(decodeAll(ls, file, 'utf16'))
    expect(TEXT.slice(r.spans[0].start, r.spans[0].end)).toBe('Barack Obama')
  })

  it('the last region past the end in code points, inside in UTF-16: the same hint', () => {
    expect(errors(decodeAll(ls, task(23, 29, 'Angela'))).map((e) => e.reason)).toEqual([
      'task 0: annotations[0].result[0]: offsets 23-29 are out of bounds (text has 27 code points); it matches at these offsets in UTF-16 code units: pass --offsets utf16',
    ])
  })

  it('code-point offsets read as UTF-16: refused, naming --offsets codepoint', () => {
    expect(errors(decodeAll(ls, task(9, 14, 'Obama'), 'utf16')).map((e) => e.reason)).toEqual([
      'task 0: annotations[0].result[0]: text "Obama" does not match the document text " Obam" at 9-14 (UTF-16 code units); it matches at these offsets in code points: pass --offsets codepoint',
    ])
  })

  it('a plain mismatch gets no hint', () => {
    expect(errors(decodeAll(ls, task(2, 8, 'Barak'))).map((e) => e.reason)).toEqual([
      'task 0: annotations[0].result[0]: text "Barak" does not match the document text "Barack" at 2-8 (code points)',
    ])
  })
})
