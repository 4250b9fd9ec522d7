import { describe, expect, it } from 'vitest'
import { snapSelection } from '../../../../../src/renderer/features/annotate/snapSelection'

/** The editor's word snapping uses the export tokenizer: clitics and abbreviations snap as CoNLL tokenizes them. */
describe('snapSelection', () => {
  const text = "Belgium's envoy, Dr. Ünal, didn't visit the U.S. or Jean-Claude’s 👨‍👩‍👧 home."
  const snapped = (needle: string, from = 0, to = needle.length) => {
    const s = text.indexOf(needle)
    const r = snapSelection(text, s + from, s + to)
    return text.slice(r.start, r.end)
  }
  it("dragging over Belgium in Belgium's gives Belgium, and a partial drag grows to it", () => {
    expect(snapped('Belgium')).toBe('Belgium')
    expect(snapped('Belgium', 2, 5)).toBe('Belgium')
    expect(snapped("Belgium's")).toBe("Belgium's")
  })
  it("a partial drag over did of didn't gives did; over Jean-Claude gives the name without ’s", () => {
    expect(snapped('didn', 0, 2)).toBe('did')
    expect(snapped('Jean-Claude', 2, 8)).toBe('Jean-Claude')
  })
  it('an abbreviation snaps with its dot, an emoji family whole', () => {
    expect(snapped('Dr', 0, 1)).toBe('Dr.')
    expect(snapped('U.S.', 0, 2)).toBe('U.S.')
    expect(snapped('👨‍👩‍👧', 0, 2)).toBe('👨‍👩‍👧')
  })
})
