/**
 * An id as a head that may be cut (with an ellipsis) and a tail that is always shown: the last 12 characters,
 * or the last half of a shorter id, moved to a separator (`-_.:/ `) up to 6 characters later or else 4 earlier, so the tail starts
 * on a whole piece (`-01-02-02`, `_0042`). Code points, never half a surrogate pair.
 */
export function splitId(id: string): [string, string] {
  const cps = Array.from(id)
  if (cps.length <= 8) return [id, '']
  let at = cps.length - Math.min(12, Math.floor(cps.length / 2))
  const sep = (i: number) => i > 0 && i <= cps.length - 4 && /[-_.:/ ]/.test(cps[i])
  // A separator a little later (a shorter tail), else a little earlier.
  const later = [0, 1, 2, 3, 4, 5, 6].find((k) => sep(at + k))
  const earlier = [1, 2, 3, 4].find((k) => sep(at - k))
  if (later !== undefined) at += later
  else if (earlier !== undefined) at -= earlier
  return [cps.slice(0, at).join(''), cps.slice(at).join('')]
}
