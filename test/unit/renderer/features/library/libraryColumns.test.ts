import { describe, expect, it } from 'vitest'
import { splitId } from '../../../../../src/renderer/components/splitId'
import { libraryColumns, TITLE_MIN } from '../../../../../src/renderer/features/library/libraryColumns'

const sum = (w: Record<string, number>) => Object.values(w).reduce((a, b) => a + b, 0)

describe('library columns', () => {
  it('fill the table exactly, at any width and id length', () => {
    for (const table of [700, 958, 1179, 1180, 1334, 1800, 2400])
      for (const id of [0, 40, 130, 330, 900]) expect(sum(libraryColumns(table, id).widths)).toBe(table)
  })

  it('give titles at least TITLE_MIN from a 1024 px window on (the title column had 26 px there)', () => {
    // 1024 px window: the library's 32 px margins and the scroller's border leave 958 px.
    for (const table of [958, 1179, 1180, 1334]) expect(libraryColumns(table, 330).widths.title).toBeGreaterThanOrEqual(TITLE_MIN)
  })

  it('size the id column to a short id, and give the rest to titles', () => {
    const short = libraryColumns(1334, 130) // esp.train-doc-1400 in 12 px monospace
    expect(short.widths.id).toBe(130 + 28 + 2)
    const long = libraryColumns(1334, 330) // PMC2266911-02-Results_and_Discussion-01-02-02
    expect(long.widths.id).toBeGreaterThan(200)
    // Titles keep most of the room they share with ids.
    expect(long.widths.title).toBeGreaterThan(long.widths.id * 1.4)
  })

  it('leave out the Characters column below the narrow width', () => {
    expect(libraryColumns(958, 100)).toMatchObject({ narrow: true, widths: { length: 0 } })
    expect(libraryColumns(1334, 100).widths.length).toBeGreaterThan(0)
  })
})

describe('splitId', () => {
  it('keeps the distinguishing end of ids that differ only there', () => {
    expect(splitId('PMC2266911-02-Results_and_Discussion-01-02-02')).toEqual(['PMC2266911-02-Results_and_Discussion', '-01-02-02'])
    expect(splitId('PMC2266911-02-Results_and_Discussion-03-02')[1]).toBe('-03-02')
    expect(splitId('CoNLL2002_esp_testa_0042')[1]).toBe('_testa_0042')
    expect(splitId('PMID-9361029')).toEqual(['PMID', '-9361029'])
  })

  it('leaves short ids whole and never splits a surrogate pair', () => {
    expect(splitId('doc-1')).toEqual(['doc-1', ''])
    const emoji = '😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀'
    const [head, tail] = splitId(emoji)
    expect(head + tail).toBe(emoji)
    expect(Array.from(tail)).toHaveLength(10)
  })
})
