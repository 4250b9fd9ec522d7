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

/** How many whole non-blank lines detection needs of a line-based file: a CSV's header and first row, two tokens. */
const LINES_NEEDED = 2

/**
 * Whether the start of a file holds what detection decides on, uncut: the first JSON record (holdsFirstRecord) of
 * JSON; for XML, its start (the root element's namespaces, in the first 4 KiB); otherwise its first two non-blank
 * lines whole (a CSV's header and first row, CoNLL's first tokens), so a line-based detector never reads a line that
 * the head cut off. All blank so far: not yet.
 */
export function holdsDetectionSample(head: string): boolean {
  const start = head.search(/[^\s\uFEFF]/u)
  if (start < 0) return false
  const open = head[start]
  if (open === '{' || open === '[') return holdsFirstRecord(head)
  if (open === '<') return head.length - start >= 4096
  let whole = 0
  let filled = false
  for (let i = start; i < head.length; i++) {
    const c = head.charCodeAt(i)
    if (c === 10 || c === 13) {
      if (filled && ++whole >= LINES_NEEDED) return true
      filled = false
    } else if (c > 32) filled = true
  }
  return false
}
