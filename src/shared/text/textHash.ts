/**
 * A stable, dependency-free hash of a document's text (FNV-1a 64-bit over UTF-16
 * code units, hex). It identifies "the same text" when colleagues' layers are
 * imported; it is not a security hash.
 */
export function textHash(text: string): string {
  let h1 = 0x811c9dc5 | 0
  let h2 = 0x050c5d1f | 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    h1 = Math.imul(h1 ^ c, 0x01000193)
    h2 = Math.imul(h2 ^ (c + i), 0x01000193)
  }
  const hex = (n: number) => (n >>> 0).toString(16).padStart(8, '0')
  return `fnv${hex(h1)}${hex(h2)}-${text.length.toString(16)}`
}
