// The #Text= line and Unicode line breaks. INCEpTION's own writer (tsv3x Escaping.escapeText) escapes TAB LF FF CR BS
// and backslash by name, other C0 controls but 8-13 as a backslash and the raw character, and nothing else: VT, NEL,
// U+2028 and U+2029 stay raw, and its reader (LineNumberReader.readLine: LF, CR, CRLF) takes them as text. No escape
// of them would read back in INCEpTION (its 3.2+ unescapeText has no \uXXXX), so ours writes them as it does, and
// reads them back. A consumer splitting with Python's str.splitlines() breaks INCEpTION's files the same way.
import { describe, expect, it } from 'vitest'
import { encodeWebannoLayers } from '../../../../../src/shared/formats/webanno/webannoTsvCodec'
import { makeLayer } from '../formatTestUtil'
import { decode } from './tsvTestUtil'

const TEXT = 'Kerry met\u2028Mary\u2029in\u0085Paris\u000band\u000cLyon\rwith\u001cAda.'

describe('WebAnno TSV #Text= lines with Unicode line breaks, as INCEpTION writes them', () => {
  it('FF and CR escaped by name, VT, NEL, U+2028, U+2029 raw (as INCEpTION), \\x1c as a backslash and itself; the text and spans read back', () => {
    const start = TEXT.indexOf('Mary')
    const layer = makeLayer(TEXT, [[0, 5, 'PER'], [start, start + 4, 'PER'], [TEXT.indexOf('Lyon'), TEXT.indexOf('Lyon') + 4, 'LOC']], [])
    const out = [...encodeWebannoLayers([layer], { warn: () => {} })].map((x) => x.content).join('')
    const textLines = out.split('\n').filter((l) => l.startsWith('#Text='))
    // Sentences end at the breaks (each kept at its sentence's end), and each #Text= line holds them as INCEpTION would.
    expect(textLines).toEqual(['#Text=Kerry met\u2028', '#Text=Mary\u2029', '#Text=in\u0085', '#Text=Paris\u000band\\fLyon\\r', '#Text=with\\\u001cAda.'])
    // Split as INCEpTION's reader splits (LF, CR, CRLF): no CR is left raw anywhere in the file.
    expect(out).not.toContain('\r')
    const back = decode(out).record!
    expect(decode(out).errors).toEqual([])
    expect(back.text).toBe(TEXT)
    expect(back.spans.map((s) => back.text.slice(s.start, s.end))).toEqual(['Kerry', 'Mary', 'Lyon'])
  })
})
