/** Deeper JSON than this is refused: no real record nests so deep, and walking deeper values overflows the stack. */
export const MAX_JSON_DEPTH = 256

/**
 * Counts bracket nesting in JSON text outside strings, in one linear pass,
 * carrying its state across pieces (the lines of one file). JSON.parse on
 * Node 20 survives a million `[`, but JSON.stringify, structuredClone and any
 * recursive walk of the result overflow the stack at about 10k, so a value is
 * refused before it is parsed. With `maxItems` it also counts objects, arrays
 * and strings (keys included), for serve's body limit (requestBodyShape).
 */
export class JsonDepthScanner {
  private depth = 0
  private inString = false
  private escaped = false
  /** Objects, arrays and strings opened so far. */
  items = 0

  constructor(
    private readonly max = MAX_JSON_DEPTH,
    private readonly maxItems = Infinity,
  ) {}

  /** The index in `text` where nesting, or the items, first exceed their limit (`items` says which), or -1. */
  feed(text: string): number {
    let { depth, inString, escaped, items } = this
    const { max, maxItems } = this
    let at = -1
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i)
      if (inString) {
        if (escaped) escaped = false
        else if (c === 0x5c) escaped = true
        else if (c === 0x22) inString = false
      } else if (c === 0x22) {
        inString = true
        if (++items > maxItems) {
          at = i
          break
        }
      } else if (c === 0x5b || c === 0x7b) {
        if (++items > maxItems || ++depth > max) {
          at = i
          break
        }
      } else if (c === 0x5d || c === 0x7d) depth = Math.max(0, depth - 1)
    }
    Object.assign(this, { depth, inString, escaped, items })
    return at
  }
}

/** A sentence saying the JSON text nests too deep, or null. */
export function jsonTooDeep(text: string, max = MAX_JSON_DEPTH): string | null {
  // Fast path: the scan is only needed when there are enough brackets to matter.
  if (text.length <= max) return null
  const at = new JsonDepthScanner(max).feed(text)
  return at < 0 ? null : `JSON nested deeper than ${max} levels (at character ${at}); refused before parsing`
}
