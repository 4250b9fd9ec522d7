import { chunkLinesFor } from './chunking'

/**
 * Maps between character offsets in a document's text (UTF-16) and positions in
 * the ProseMirror document built from it (one paragraph per line). ProseMirror
 * counts one token for each paragraph boundary, so offsets and positions drift
 * apart line by line; the table records each line's start in both and maps by
 * binary search.
 */
export interface Line {
  /** Offset of the line's first character in the text. */
  start: number
  /** Length without the line terminator. */
  length: number
}

const LINE_BREAK = /\r\n|\n|\r/g

export function splitTextLines(text: string): Line[] {
  const lines: Line[] = []
  let start = 0
  LINE_BREAK.lastIndex = 0
  let m: RegExpExecArray | null
  while ((m = LINE_BREAK.exec(text))) {
    lines.push({ start, length: m.index - start })
    start = m.index + m[0].length
  }
  lines.push({ start, length: text.length - start })
  return lines
}

export class PositionMap {
  readonly lines: Line[]
  /** Paragraphs per chunk node (chunking.ts); 0 when the document is one paragraph per line. */
  readonly chunkLines: number
  /** ProseMirror position where each line's content starts. */
  private readonly posStarts: number[]
  /** Text offset where each line starts. */
  private readonly lineStarts: number[]

  constructor(
    text: string,
    /** Position of the first paragraph's content (1 for a doc whose first child is the first paragraph). */
    base = 1,
    /** Paragraphs per chunk, as textToDoc got it (default: by the text's size). */
    chunkLines?: number,
  ) {
    this.lines = splitTextLines(text)
    this.chunkLines = chunkLines ?? chunkLinesFor(this.lines.length)
    const c = this.chunkLines
    this.posStarts = []
    this.lineStarts = this.lines.map((l) => l.start)
    let pos = base
    for (let i = 0; i < this.lines.length; i++) {
      // A chunk's opening token comes before its first paragraph, and the previous chunk's closing one too.
      if (c && i % c === 0) pos += i ? 2 : 1
      this.posStarts.push(pos)
      pos += this.lines[i].length + 2 // paragraph open + content + close
    }
  }

  private static lastAtOrBefore(arr: number[], value: number): number {
    let lo = 0
    let hi = arr.length - 1
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1
      if (arr[mid] <= value) lo = mid
      else hi = mid - 1
    }
    return lo
  }

  /** Character offset -> editor position. An offset inside a line terminator maps to the end of its line. */
  toPos(offset: number): number {
    const i = PositionMap.lastAtOrBefore(this.lineStarts, offset)
    return this.posStarts[i] + Math.min(Math.max(0, offset - this.lines[i].start), this.lines[i].length)
  }

  /** Editor position -> character offset (positions between paragraphs snap to the nearer line edge). */
  toOffset(pos: number): number {
    const i = PositionMap.lastAtOrBefore(this.posStarts, pos)
    const line = this.lines[i]
    return line.start + Math.min(Math.max(0, pos - this.posStarts[i]), line.length)
  }

  /** The line index holding an offset. */
  lineOf(offset: number): number {
    return PositionMap.lastAtOrBefore(this.lineStarts, offset)
  }
}
