/**
 * Short marks for annotators in tags (`PERSON · a b`): each name's shortest
 * lower-case prefix that no other name shares (alice, bob → a, b; anna, ari
 * → an, ar). A name that is a prefix of another keeps its whole self.
 */
export function annotatorMarks(names: readonly string[]): Map<string, string> {
  const lower = names.map((n) => n.toLowerCase())
  const marks = new Map<string, string>()
  names.forEach((name, i) => {
    const me = lower[i]
    const chars = [...me]
    let len = 1
    while (len < chars.length && lower.some((other, j) => j !== i && other.startsWith(chars.slice(0, len).join('')))) len++
    marks.set(name, chars.slice(0, len).join(''))
  })
  return marks
}
