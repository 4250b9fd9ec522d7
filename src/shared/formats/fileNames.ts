/**
 * File names for documents in folder exports (brat, txt): one name per id,
 * never the same name for two ids (not even on a case-insensitive or
 * normalising file system), each path component at most 255 UTF-8 bytes with
 * its extension, and nothing a file system or a terminal treats specially.
 *
 * A clean id segment is its own name. Any other (a forbidden or invisible
 * character, a leading dot, a trailing dot or space, a Windows device name,
 * too long, or clashing with another id's name but for case) gets a readable
 * prefix, with `_` for what was replaced, and `~` plus a 64-bit hash of the
 * exact id. `~` never appears in a clean name, so the two kinds cannot meet,
 * and two hashed names differ in their hashes. The export's manifest keeps
 * the exact ids (see exportManifest.ts).
 */

/**
 * Names up to this length stay as they are; a hashed name's prefix is cut to
 * PREFIX_BYTES: with the mark, the hash and an extension, far below the 255
 * bytes ext4, APFS and NTFS allow a name.
 */
const MAX_CLEAN_BYTES = 200
const PREFIX_BYTES = 160
const MAX_PATH_BYTES = 1024
export const HASH_MARK = '~'

/**
 * Replaced in every name: controls, format characters (bidi overrides and
 * marks, zero-width joiners), lone surrogates, private use, line and
 * paragraph separators, the characters Windows forbids, and the hash mark.
 */
const FORBIDDEN = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Zl}\p{Zp}/\\:*?"<>|~]/gu
const HAS_FORBIDDEN = new RegExp(FORBIDDEN.source, 'u')
/** Windows device names, with any extension (`CON.txt` is the console). */
const DEVICE = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)$/i
/** Directory names that would meet a document's file or the export's own files. */
const TAKEN_DIR = /\.(txt|ann|conf|tsv)$/i

/** UTF-8 length of a string (a lone surrogate counts as the 3 bytes of its replacement). */
export function utf8Bytes(s: string): number {
  let n = 0
  for (const ch of s) {
    const cp = ch.codePointAt(0)!
    n += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4
  }
  return n
}

/** The longest prefix of whole code points within `max` UTF-8 bytes. */
function cutToBytes(s: string, max: number): string {
  let n = 0
  let out = ''
  for (const ch of s) {
    n += utf8Bytes(ch)
    if (n > max) break
    out += ch
  }
  return out
}

/** 64 bits (two independent 32-bit mixes of the UTF-16 code units), as 14 lower-case base-32 digits. */
export function idHash(s: string): string {
  let h1 = 0xdeadbeef
  let h2 = 0x41c6ce57
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    h1 = Math.imul(h1 ^ c, 2654435761)
    h2 = Math.imul(h2 ^ c, 1597334677)
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909)
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909)
  h1 ^= s.length
  return (h1 >>> 0).toString(32).padStart(7, '0') + (h2 >>> 0).toString(32).padStart(7, '0')
}

function hashed(segment: string, exact: string): string {
  const readable = segment
    .replace(FORBIDDEN, '_')
    .replace(/^\./, '_')
    // `CON.txt~…` is still the console to Windows: a device name before the first dot gets a `_`.
    .replace(/^[^.]*/, (stem) => (DEVICE.test(stem.trimEnd()) ? `${stem}_` : stem))
  return `${cutToBytes(readable, PREFIX_BYTES)}${HASH_MARK}${idHash(exact)}`
}

/** Whether a segment can be a name as it is. */
function isClean(segment: string, isDir: boolean): boolean {
  if (segment === '' || utf8Bytes(segment) > MAX_CLEAN_BYTES) return false
  if (HAS_FORBIDDEN.test(segment)) return false
  if (segment.startsWith('.') || /[. ]$/.test(segment) || segment.startsWith(' ')) return false
  if (DEVICE.test(segment.split('.')[0].trimEnd())) return false
  return !(isDir && TAKEN_DIR.test(segment))
}

/** A document's path below the export folder, `/`-separated, without extension: an id's `/` makes folders. */
function pathOf(id: string, forceLast: boolean): string {
  const parts = id.split('/')
  const out = parts
    .map((p, i) => {
      const last = i === parts.length - 1
      if (last && forceLast) return hashed(p, id)
      return isClean(p, !last) ? p : hashed(p, p)
    })
    .join('/')
  // Deep ids could pass a system's path limit (4096 bytes on Linux): past MAX_PATH_BYTES the id is one hashed name.
  return utf8Bytes(out) > MAX_PATH_BYTES ? hashed(id.replaceAll('/', '_'), id) : out
}

/** The keys under which a case-insensitive, normalising file system would see two names as one. */
function foldKeys(name: string): string[] {
  const n = name.normalize('NFC')
  return [n.toLowerCase(), n.toUpperCase(), n.normalize('NFD').toLowerCase()]
}

/**
 * Each id's file path (without extension) for a folder of documents. Ids
 * whose paths would meet but for case or Unicode normalisation are hashed
 * whole, so every id keeps a file of its own.
 */
export function documentFileNames(ids: Iterable<string>): Map<string, string> {
  const out = new Map<string, string>()
  for (const id of ids) out.set(id, pathOf(id, false))
  const seen = new Map<string, string>() // folded key -> first id
  const clash = new Set<string>()
  for (const [id, p] of out) {
    for (const k of foldKeys(p)) {
      const other = seen.get(k)
      if (other !== undefined && other !== id) clash.add(id).add(other)
      else seen.set(k, id)
    }
  }
  for (const id of clash) out.set(id, pathOf(id, true))
  return out
}
