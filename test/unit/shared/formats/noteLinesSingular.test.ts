// Import notes are counted phrases in the plural; a count of one read '1 XMI Sentence annotations (document
// structure), not imported' (an outsider's XMI import) and '1 rejected Prodigy tasks'.
import { describe, expect, it } from 'vitest'
import { noteLines } from '../../../../src/shared/formats/importReport'
import { NOTES } from '../../../../src/shared/formats/prodigyTasks'
import { CATEGORIES_NOTE, DUPLICATE_NOTE } from '../../../../src/shared/formats/doccano'

describe('import notes read in the singular for one', () => {
  it.each([
    ['XMI Sentence annotations (document structure), not imported', 'XMI Sentence annotation (document structure), not imported'],
    ['XMI relations or links whose ends are not imported spans (tokens, zero-length or document-structure annotations), not imported', 'XMI relation or link whose ends are not imported spans (tokens, zero-length or document-structure annotations), not imported'],
    [NOTES.rejected, 'rejected Prodigy task, kept in document meta (their spans are not annotations)'],
    [NOTES.heldSpans, 'span of rejected or ignored Prodigy tasks, kept in document meta, not imported as annotations'],
    [DUPLICATE_NOTE, 'identical duplicate doccano span (same offsets and label) in one line, kept once'],
    [CATEGORIES_NOTE, CATEGORIES_NOTE.replace('categories', 'category')],
    ['copies of a prediction inside Label Studio annotations, not imported', 'copy of a prediction inside Label Studio annotations, not imported'],
    ['CoNLL-U multiword-token and empty-node lines (1-2, 1.1), not words of the text (their words are)', 'CoNLL-U multiword-token and empty-node line (1-2, 1.1), not words of the text (their words are)'],
    ['Label Studio "choices" results, not imported (only text labels and relations are)', 'Label Studio "choices" result, not imported (only text labels and relations are)'],
    ['spaCy DocBin user_data (custom extension values), not imported', 'spaCy DocBin user_data (custom extension values), not imported'],
  ])('%s', (what, one) => {
    expect(noteLines({ [what]: 1 })).toEqual([`1 ${one}`])
    expect(noteLines({ [what]: 2 })).toEqual([`2 ${what}`])
  })
})

// Every count printed outside the export side with '(s)' ('2 span(s)', '1 suggestion(s)'): none is left in the sources
// that print counts.
describe("no count is printed as 'noun(s)'", () => {
  it('the sources hold no `${n} word(s)` message', async () => {
    const fs = await import('node:fs')
    const path = await import('node:path')
    const root = path.join(__dirname, '../../../../src')
    const found: string[] = []
    for (const e of fs.readdirSync(root, { recursive: true, withFileTypes: true })) {
      if (!e.isFile() || !/\.tsx?$/u.test(e.name)) continue
      const file = path.join(e.parentPath, e.name)
      fs.readFileSync(file, 'utf8').split('\n').forEach((line, i) => {
        if (/\}\s[\w ]*[a-z]\((?:s|es)\)/u.test(line)) found.push(`${path.relative(root, file)}:${i + 1}: ${line.trim()}`)
      })
    }
    expect(found).toEqual([])
  })
})
