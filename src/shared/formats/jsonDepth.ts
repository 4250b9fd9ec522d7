/** Deeper JSON than this is refused: no real record nests so deep, and walking deeper values overflows the stack. */
export const MAX_JSON_DEPTH = 256

/**
 * Counts bracket nesting in JSON text outside strings, in one linear pass,
 * carrying its state across pieces (the lines of one file). JSON.parse on
 * Node 20 survives a million `[`, but JSON.stringify, structuredClone and any
 * recursive walk of the result overflow the stack at about 10k, so a value is
 * refused before it is parsed.
 */
export class JsonDepthScanner {
  private depth = 0
  private inString = false
  private escaped = false

  constructor(private readonly max = MAX_JSON_DEPTH) {}

  /** The index in `text` where nesting first exceeds the limit, or -1. */
  feed(text: string): number {
    let { depth, inString, escaped } = this
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i)
      if (inString) {
        if (escaped) escaped = false
        else if (c === 0x5c) escaped = true
        else if (c === 0x22) inString = false
      } else if (c === 0x22) inString = true
      else if (c === 0x5b || c === 0x7b) {
        if (++depth > this.max) {
          Object.assign(this, { depth, inString, escaped })
          return i
        }
      } else if (c === 0x5d || c === 0x7d) depth = Math.max(0, depth - 1)
    }
    Object.assign(this, { depth, inString, escaped })
    return -1
  }
}

/** A sentence saying the JSON text nests too deep, or null. */
export function jsonTooDeep(text: string, max = MAX_JSON_DEPTH): string | null {
  // Fast path: the scan is only needed when there are enough brackets to matter.
  if (text.length <= max) return null
  const at = new JsonDepthScanner(max).feed(text)
  return at < 0 ? null : `JSON nested deeper than ${max} levels (at character ${at}); refused before parsing`
}
