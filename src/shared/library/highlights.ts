/**
 * Search hits are marked inside plain text with two control characters (what
 * SQLite's FTS5 highlight() and snippet() insert), so no HTML ever crosses the
 * API: the screen splits on them and renders each part as text.
 */
export const HIT_START = '\u0002'
export const HIT_END = '\u0003'

export interface HighlightPart {
  text: string
  hit: boolean
}

/** The marked string as alternating plain and hit parts; stray or unbalanced markers never leak into the text. */
export function splitHighlights(marked: string): HighlightPart[] {
  const parts: HighlightPart[] = []
  let hit = false
  let text = ''
  const flush = () => {
    if (text) parts.push({ text, hit })
    text = ''
  }
  for (const ch of marked) {
    if (ch === HIT_START || ch === HIT_END) {
      flush()
      hit = ch === HIT_START
    } else text += ch
  }
  flush()
  return parts
}

/** Whether the string carries at least one marked hit. */
export function hasHit(marked: string): boolean {
  return marked.includes(HIT_START)
}
