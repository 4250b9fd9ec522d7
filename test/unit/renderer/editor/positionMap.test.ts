import { getSchema } from '@tiptap/core'
import { describe, expect, it } from 'vitest'
import { ARTICLE_NODES, textToDoc } from '../../../../src/renderer/editor/documentNodes'
import { CHUNK_LINES, CHUNK_THRESHOLD } from '../../../../src/renderer/editor/chunking'
import { PositionMap, splitTextLines } from '../../../../src/renderer/editor/positionMap'

const schema = getSchema(ARTICLE_NODES)

function check(text: string, spans: [number, number][], chunkLines?: number) {
  const doc = schema.nodeFromJSON(textToDoc(text, chunkLines))
  const map = new PositionMap(text, 1, chunkLines)
  for (const [s, e] of spans) {
    // Inside one line the editor text between the mapped positions equals the slice;
    // across lines ProseMirror separates blocks, which we render as "\n".
    const between = doc.textBetween(map.toPos(s), map.toPos(e), '\n')
    expect(between).toBe(text.slice(s, e).replace(/\r\n|\r/g, '\n'))
    expect(map.toOffset(map.toPos(s))).toBe(s)
    expect(map.toOffset(map.toPos(e))).toBe(e)
  }
}

describe('PositionMap', () => {
  it('splits lines on LF, CRLF and CR', () => {
    expect(splitTextLines('a\nbc\r\n\rd')).toEqual([
      { start: 0, length: 1 },
      { start: 2, length: 2 },
      { start: 6, length: 0 },
      { start: 7, length: 1 },
    ])
  })

  it('maps every span of a sample-like article to the same text in the editor', () => {
    const text = 'Kerry offers US support\n\nUS Secretary of State John Kerry\ndismisses accusations against Belgium'
    const spans: [number, number][] = []
    for (const w of ['Kerry', 'US', 'John Kerry', 'Belgium', 'Secretary of State']) {
      let i = -1
      while ((i = text.indexOf(w, i + 1)) >= 0) spans.push([i, i + w.length])
    }
    check(text, spans)
  })

  it('maps every possible span of a text with CRLF, emoji, Hebrew and empty lines', () => {
    const text = 'Title 😀\r\n\r\nשלום Liège\r\n\nlast line'
    const spans: [number, number][] = []
    for (let s = 0; s < text.length; s++) for (let e = s + 1; e <= text.length; e++) spans.push([s, e])
    // Offsets inside a CRLF pair are not character boundaries a span may use.
    const isBoundary = (o: number) => !(text[o - 1] === '\r' && text[o] === '\n')
    check(
      text,
      spans.filter(([s, e]) => isBoundary(s) && isBoundary(e)),
    )
  })

  it('maps through chunks of paragraphs (a text of many lines), the last chunk short', () => {
    const text = 'Title 😀\r\n\r\nשלום Liège\r\n\nlast line\nand one more'
    const spans: [number, number][] = []
    for (let s = 0; s < text.length; s++) for (let e = s + 1; e <= text.length; e++) spans.push([s, e])
    const isBoundary = (o: number) => !(text[o - 1] === '\r' && text[o] === '\n')
    for (const size of [1, 2, 4]) {
      const doc = schema.nodeFromJSON(textToDoc(text, size))
      expect(doc.childCount).toBe(Math.ceil(6 / size))
      expect(doc.child(0).type.name).toBe('chunk')
      check(text, spans.filter(([s, e]) => isBoundary(s) && isBoundary(e)), size)
    }
  })

  it('chunks a text only above the threshold of lines, and the map agrees with the document', () => {
    const small = Array.from({ length: CHUNK_THRESHOLD }, (_, i) => `line ${i}`).join('\n')
    expect(new PositionMap(small).chunkLines).toBe(0)
    expect(schema.nodeFromJSON(textToDoc(small)).child(0).type.name).toBe('paragraph')
    const big = `${small}\nand one more`
    const map = new PositionMap(big)
    const doc = schema.nodeFromJSON(textToDoc(big))
    expect(map.chunkLines).toBe(CHUNK_LINES)
    expect(doc.childCount).toBe(Math.ceil((CHUNK_THRESHOLD + 1) / CHUNK_LINES))
    const at = big.indexOf('line 4321')
    expect(doc.textBetween(map.toPos(at), map.toPos(at + 9))).toBe('line 4321')
    expect(doc.textBetween(map.toPos(big.length - 3), map.toPos(big.length))).toBe('ore')
  })
})
