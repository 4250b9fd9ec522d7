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
  // `fnv` + 16 hex digits + `-` + the length in hex, built from character codes in one call: a flat string. Joined
  // with `+` or a template, V8 keeps a tree of the pieces (about 220 bytes instead of 90), and whether a later read
  // flattens it differs between V8 versions (Node 20 did, Node 22.12 did not); an import holds one per document.
  const codes = [0x66, 0x6e, 0x76]
  const hex = (n: number, digits: number) => {
    for (let d = digits - 1; d >= 0; d--) codes.push(HEX[(n >>> (d * 4)) & 15])
  }
  hex(h1, 8)
  hex(h2, 8)
  codes.push(0x2d)
  const len = text.length.toString(16)
  for (let i = 0; i < len.length; i++) codes.push(len.charCodeAt(i))
  return String.fromCharCode(...codes)
}

const HEX = [...'0123456789abcdef'].map((c) => c.charCodeAt(0))
