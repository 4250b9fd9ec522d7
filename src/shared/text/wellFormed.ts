/** A high surrogate not followed by a low one, or a low one not preceded by a high one (no `u` flag: code units). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

/**
 * The code-unit index of the first unpaired surrogate in `s`, or -1. JSON's
 * `\ud800` escapes make such strings; stored, they would be written out as
 * U+FFFD (three UTF-8 bytes for one code unit), shifting every later offset.
 */
export function firstLoneSurrogate(s: string): number {
  const m = LONE_SURROGATE.exec(s)
  return m ? m.index : -1
}

/**
 * The first unpaired surrogate anywhere in a JSON-like value (strings, keys,
 * nested arrays and objects), as a readable fault naming where it is, or null.
 * Iterative, so a deep value cannot overflow the stack.
 */
export function loneSurrogateFault(value: unknown, name = ''): string | null {
  const stack: [unknown, string][] = [[value, name]]
  const seen = new Set<object>()
  while (stack.length) {
    const [v, at] = stack.pop()!
    if (typeof v === 'string') {
      const i = firstLoneSurrogate(v)
      if (i >= 0) return describe(at, v, i)
      continue
    }
    if (typeof v !== 'object' || v === null || seen.has(v)) continue
    seen.add(v)
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push([v[i], `${at}[${i}]`])
      continue
    }
    const entries = Object.entries(v as Record<string, unknown>)
    for (let k = entries.length - 1; k >= 0; k--) {
      const [key, child] = entries[k]
      const here = at ? `${at}.${key}` : key
      const i = firstLoneSurrogate(key)
      if (i >= 0) return `the key ${JSON.stringify(here)} has an unpaired surrogate U+${key.charCodeAt(i).toString(16).toUpperCase()} at code unit ${i}`
      stack.push([child, here])
    }
  }
  return null
}

function describe(at: string, s: string, i: number): string {
  const unit = s.charCodeAt(i).toString(16).toUpperCase()
  return `${at || 'a string'}: unpaired surrogate U+${unit} at code unit ${i} (not valid Unicode text; it would be stored as U+FFFD and shift every later offset)`
}
