/**
 * A text of many lines is grouped into chunks of CHUNK_LINES paragraphs (a `chunk` node in the article's
 * ProseMirror document, a `div.sw-chunk` in the page). Each chunk has `content-visibility: auto` and an
 * estimated height (app.css), so the browser styles and lays out only the chunks near the screen and keeps a
 * sized placeholder box for the others: opening and the first read of layout cost one box per chunk, not one
 * per line (a paragraph's own content-visibility skips its contents, not its box). The whole text stays in the
 * document and the DOM, so offsets, selections and scrolling to an offset work as before.
 * Below the threshold nothing changes: the article is one paragraph per line.
 */

/** Lines above which a text is chunked (see h87's notes for the measurement). */
export const CHUNK_THRESHOLD = 5000
/** Paragraphs per chunk: a chunk entering the screen lays out this many lines in one frame. */
export const CHUNK_LINES = 50

/** The chunk size for a text of `lineCount` lines: 0 when it is not chunked. */
export function chunkLinesFor(lineCount: number): number {
  return lineCount > CHUNK_THRESHOLD ? CHUNK_LINES : 0
}

/** A chunk's estimated height in line heights, from its lines' lengths (as app.css sizes a skipped paragraph: ~85 characters a line). */
export function chunkHeightEstimate(lengths: Iterable<number>): number {
  let h = 0
  for (const n of lengths) h += n ? n / 85 + 0.4 : 0.4
  return Math.round(h * 100) / 100
}

/** The paragraph element of line `line` in the view's DOM (`chunkLines` 0: the view's children are the lines). */
export function lineElement(dom: HTMLElement, line: number, chunkLines: number): HTMLElement | undefined {
  if (!chunkLines) return dom.children[line] as HTMLElement | undefined
  return dom.children[Math.floor(line / chunkLines)]?.children[line % chunkLines] as HTMLElement | undefined
}
