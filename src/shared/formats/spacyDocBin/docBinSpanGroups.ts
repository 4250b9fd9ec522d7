/**
 * A document's span groups (`doc.spans`) as a DocBin stores them: one bytes
 * value per document, itself msgpack. spaCy has written three shapes
 * (spacy/tokens/_dict_proxies.py, SpanGroups.from_bytes reads them all):
 * `[]` or empty bytes (no groups); a list of SpanGroup bytes (the group's own
 * name is its key); a map of key to SpanGroup bytes; and, since spaCy 3.3, a
 * map of SpanGroup bytes to the keys that share it. A SpanGroup
 * (spacy/tokens/span_group.pyx, to_bytes) is `{"name", "attrs", "spans"}`,
 * each span `struct.pack(">QQQllll", id, kb_id, label, start, end,
 * start_char, end_char)`: big-endian, token and character (code point) offsets.
 */

/** The msgpack decoder the caller supplies (shared code has no msgpack dependency). */
export type Unpack = (bytes: Uint8Array) => unknown

/** Map keys that were msgpack bytes come from the caller's decoder as this prefix + one char per byte. */
export const BIN_KEY_PREFIX = '\u0000bin\u0000'

export function binMapKey(bytes: Uint8Array): string {
  let s = BIN_KEY_PREFIX
  for (const b of bytes) s += String.fromCharCode(b)
  return s
}

function binKeyBytes(key: string): Uint8Array | null {
  if (!key.startsWith(BIN_KEY_PREFIX)) return null
  const out = new Uint8Array(key.length - BIN_KEY_PREFIX.length)
  for (let i = 0; i < out.length; i++) out[i] = key.charCodeAt(BIN_KEY_PREFIX.length + i)
  return out
}

export interface RawGroupSpan {
  id: bigint
  kbId: bigint
  label: bigint
  start: number
  end: number
  startChar: number
  endChar: number
}

export interface RawSpanGroup {
  key: string
  attrs: Record<string, unknown>
  spans: RawGroupSpan[]
}

const SPAN_BYTES = 40
const isMap = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Uint8Array)

function parseGroup(bytes: unknown, key: string | null, unpack: Unpack): RawSpanGroup {
  if (!(bytes instanceof Uint8Array)) throw new Error(`span group ${key === null ? '' : `"${key}" `}is not bytes`)
  const msg = unpack(bytes)
  if (!isMap(msg) || !Array.isArray(msg.spans)) throw new Error(`span group ${key === null ? '' : `"${key}" `}is not a map with "spans"`)
  const name = key ?? msg.name
  if (typeof name !== 'string') throw new Error('span group without a name')
  const spans = msg.spans.map((s, i) => {
    if (!(s instanceof Uint8Array) || s.length !== SPAN_BYTES) throw new Error(`span group "${name}" span ${i} is not ${SPAN_BYTES} bytes (struct ">QQQllll")`)
    const v = new DataView(s.buffer, s.byteOffset, s.byteLength)
    return {
      id: v.getBigUint64(0, false),
      kbId: v.getBigUint64(8, false),
      label: v.getBigUint64(16, false),
      start: v.getInt32(24, false),
      end: v.getInt32(28, false),
      startChar: v.getInt32(32, false),
      endChar: v.getInt32(36, false),
    }
  })
  return { key: name, attrs: isMap(msg.attrs) ? msg.attrs : {}, spans }
}

/** A document's span groups, by key, in file order. Throws (with a reason) on a malformed value. */
export function parseSpanGroups(bytes: Uint8Array | null, unpack: Unpack): RawSpanGroup[] {
  if (!bytes || !bytes.length) return []
  const msg = unpack(bytes)
  if (Array.isArray(msg)) return msg.map((g) => parseGroup(g, null, unpack))
  if (!isMap(msg)) throw new Error('span groups are neither a list nor a map')
  const out: RawSpanGroup[] = []
  for (const [k, v] of Object.entries(msg)) {
    const groupBytes = binKeyBytes(k)
    if (groupBytes) {
      // spaCy >= 3.3: the group's bytes -> every key that holds it.
      if (!Array.isArray(v) || !v.length || !v.every((x) => typeof x === 'string')) throw new Error('span groups map a group to something other than its keys')
      for (const key of v as string[]) out.push(parseGroup(groupBytes, key, unpack))
    } else out.push(parseGroup(v, k, unpack))
  }
  return out
}
