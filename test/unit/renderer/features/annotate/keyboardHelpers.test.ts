import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { HELP_SHORTCUT_KEYS } from '../../../../../src/renderer/components/help/shortcuts'
import { nextNotDone } from '../../../../../src/renderer/features/annotate/nextDocument'
import { snapSelection } from '../../../../../src/renderer/features/annotate/snapSelection'
import { adjacentSpan } from '../../../../../src/renderer/features/annotate/spanNavigation'
import { findInDocument, MAX_SEARCH_HITS } from '../../../../../src/renderer/features/annotate/textSearch'
import { RESERVED_HOTKEYS } from '../../../../../src/shared/api/methods/schema'
import type { DocStatus, Span } from '../../../../../src/shared/domain/model'
import { snapToTokens, tokenize } from '../../../../../src/shared/text/tokenizer'
import { SAMPLES_DIR } from '../../../../helpers/tempWorkspace'

const span = (id: number, start: number) => ({ id, start, end: start + 3, label: 'X' }) as Span

describe('token snapping', () => {
  it('grows a partial word to the whole word, across a line break too', () => {
    const text = "Kerry's visit to\nBrussels, anti-terror raids"
    const at = (needle: string) => ({ start: text.indexOf(needle), end: text.indexOf(needle) + needle.length })
    const snapped = (needle: string) => {
      const r = snapSelection(text, at(needle).start, at(needle).end)
      return text.slice(r.start, r.end)
    }
    // The possessive is a token of its own (issue 10): dragging over the name gives the name.
    expect(snapped('err')).toBe('Kerry')
    expect(snapped('sit to\nBru')).toBe('visit to\nBrussels')
    expect(snapped('ti-ter')).toBe('anti-terror')
    expect(snapped('raids')).toBe('raids')
  })

  it('agrees with snapping against the whole document’s tokens, for many selections in every sample', () => {
    // A fixed linear congruential sequence: the same selections every run.
    let seed = 12345
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648) % n)
    const texts = fs.readdirSync(SAMPLES_DIR).map((f) => fs.readFileSync(path.join(SAMPLES_DIR, f), 'utf8'))
    texts.push('👩‍👩‍👧 family 🇧🇪 flag, U.S. 3,000 — “quoted” שלום עולם')
    let checked = 0
    for (const text of texts) {
      const tokens = tokenize(text)
      for (let k = 0; k < 400; k++) {
        const start = rand(text.length)
        const end = Math.min(text.length, start + 1 + rand(60))
        expect(snapSelection(text, start, end)).toEqual(snapToTokens(tokens, start, end))
        checked++
      }
    }
    expect(checked).toBe(texts.length * 400)
  })
})

describe('moving between spans', () => {
  const spans = [span(7, 0), span(3, 10), span(-1, 20), span(5, 30)]
  it('steps in the given order both ways and wraps around', () => {
    expect(adjacentSpan(spans, 7, 1)?.id).toBe(3)
    expect(adjacentSpan(spans, 3, 1)?.id).toBe(-1)
    expect(adjacentSpan(spans, 5, 1)?.id).toBe(7)
    expect(adjacentSpan(spans, 7, -1)?.id).toBe(5)
    expect(adjacentSpan(spans, -1, -1)?.id).toBe(3)
  })
  it('starts at the first (or last) span when nothing or a vanished span is selected', () => {
    expect(adjacentSpan(spans, null, 1)?.id).toBe(7)
    expect(adjacentSpan(spans, null, -1)?.id).toBe(5)
    expect(adjacentSpan(spans, 99, 1)?.id).toBe(7)
    expect(adjacentSpan([], null, 1)).toBeNull()
  })
})

describe('searching the document', () => {
  it('finds every case-insensitive occurrence, in UTF-16 offsets of the original text', () => {
    const text = '😀 Belgium and BELGIAN\nbelgi'
    const { hits, capped } = findInDocument(text, 'belgi')
    expect(capped).toBe(false)
    expect(hits.map((h) => text.slice(h.start, h.end))).toEqual(['Belgi', 'BELGI', 'belgi'])
    expect(hits[0].start).toBe(3) // after a surrogate pair and a space
  })
  it('treats the query as plain text, and finds nothing for a blank one', () => {
    expect(findInDocument('a.b axb (c)', 'a.b').hits).toEqual([{ start: 0, end: 3 }])
    expect(findInDocument('a.b axb (c)', '(c)').hits).toEqual([{ start: 8, end: 11 }])
    expect(findInDocument('a b', '  ').hits).toEqual([])
    expect(findInDocument('abc', 'zz').hits).toEqual([])
  })
  it('stops at the cap and says so', () => {
    const r = findInDocument('ab '.repeat(MAX_SEARCH_HITS + 10), 'ab')
    expect(r.hits).toHaveLength(MAX_SEARCH_HITS)
    expect(r.capped).toBe(true)
    expect(findInDocument('ab '.repeat(MAX_SEARCH_HITS), 'ab').capped).toBe(false)
  })
})

describe('the next document after finishing one', () => {
  const lib = (statuses: DocStatus[]) => statuses.map((status, i) => ({ id: i + 1, status }))
  it('is the next not-done one in library order, wrapping around', () => {
    expect(nextNotDone(lib(['todo', 'todo', 'todo']), 1)?.id).toBe(2)
    expect(nextNotDone(lib(['todo', 'done', 'done', 'in_progress']), 1)?.id).toBe(4)
    expect(nextNotDone(lib(['in_progress', 'done', 'todo']), 3)?.id).toBe(1)
  })
  it('is none when every other document is done, and never the current one', () => {
    expect(nextNotDone(lib(['done', 'todo', 'done']), 2)).toBeNull()
    expect(nextNotDone(lib(['todo']), 1)).toBeNull()
  })
})

describe('editor keys and label hotkeys', () => {
  it('every unmodified key the editor binds is reserved, so no label can take it', () => {
    const reserved = new Set(RESERVED_HOTKEYS.map((k) => k.toLowerCase()))
    const unbound = HELP_SHORTCUT_KEYS.filter((k) => !reserved.has(k.toLowerCase()))
    expect(unbound).toEqual([])
  })
})
