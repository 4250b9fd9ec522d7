/**
 * Whether the start of a JSON file holds its first record whole, so that detection decides on whole
 * records and never on a line cut off by the sampled head (a 12 MB doccano line then read as native jsonl).
 *
 * The first record is: for a file starting `{`, its first object (one JSON-lines record, or the one
 * pretty-printed task); for a file starting `[`, the first object or array in it (a Label Studio task, a
 * doccano record, a spaCy tuple of an array), or the whole array when its first item is a string or number
 * (a spaCy tuple on its own line, `["text", {"entities": …}]`). Content not starting `{` or `[` needs
 * nothing more. A small scan that skips strings; it never parses.
 */
export function holdsFirstRecord(head: string): boolean {
  const start = head.search(/[^\s\uFEFF]/u)
  if (start < 0) return false
  const open = head[start]
  if (open !== '{' && open !== '[') return true
  let depth = 0
  let inString = false
  // In an array: whether its first item is an object or array (then that item is the record).
  let firstItemIsContainer: boolean | null = open === '[' ? null : false
  for (let i = start; i < head.length; i++) {
    const c = head.charCodeAt(i)
    if (inString) {
      if (c === 92) i++
      else if (c === 34) inString = false
      continue
    }
    if (c === 34) {
      inString = true
      if (depth === 1 && firstItemIsContainer === null) firstItemIsContainer = false
    } else if (c === 123 || c === 91) {
      if (depth === 1 && firstItemIsContainer === null) firstItemIsContainer = true
      depth++
    } else if (c === 125 || c === 93) {
      depth--
      if (depth <= 0) return true
      if (depth === 1 && firstItemIsContainer === true) return true
    } else if (depth === 1 && firstItemIsContainer === null && c > 32) firstItemIsContainer = false
  }
  return false
}
