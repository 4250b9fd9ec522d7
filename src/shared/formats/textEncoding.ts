/**
 * The encodings an import reads text files in when told to (`--encoding`, the import dialog's Encoding): UTF-8 is the
 * default; any other label the platform's TextDecoder knows (the WHATWG Encoding Standard's: windows-1250, iso-8859-2,
 * koi8-r, shift_jis, euc-jp, gb18030, big5, euc-kr, …) is read too, by its canonical name. `latin1` stays true
 * ISO-8859-1 (WHATWG makes it a label of windows-1252, below), and UTF-16 needs its byte order when there is no BOM.
 * TEXT_ENCODINGS are the ones the import dialog lists (it takes any other name typed in too).
 */
export const TEXT_ENCODINGS = [
  'utf-8',
  'latin1',
  'windows-1252',
  'utf-16le',
  'utf-16be',
  'windows-1250',
  'windows-1251',
  'iso-8859-2',
  'iso-8859-15',
  'koi8-r',
  'shift_jis',
  'euc-jp',
  'gb18030',
  'big5',
  'euc-kr',
] as const
/** A canonical encoding name, as parseTextEncoding gives it (one of TEXT_ENCODINGS, or another WHATWG encoding's name). */
export type TextEncoding = string

export const ENCODING_TITLES: Record<string, string> = {
  'utf-8': 'UTF-8',
  latin1: 'Latin-1 (ISO-8859-1)',
  'windows-1252': 'Windows-1252 (Western)',
  'utf-16le': 'UTF-16LE',
  'utf-16be': 'UTF-16BE',
  'windows-1250': 'Windows-1250 (Central European)',
  'windows-1251': 'Windows-1251 (Cyrillic)',
  'iso-8859-2': 'ISO-8859-2 (Latin-2)',
  'iso-8859-15': 'ISO-8859-15 (Latin-9)',
  'koi8-r': 'KOI8-R (Russian)',
  shift_jis: 'Shift_JIS (Japanese)',
  'euc-jp': 'EUC-JP (Japanese)',
  gb18030: 'GB18030 (Chinese, simplified)',
  big5: 'Big5 (Chinese, traditional)',
  'euc-kr': 'EUC-KR (Korean)',
}

/** Other spellings of the encodings read here rather than by the platform (as Python, iconv and editors name them), lower-cased. */
const ALIASES: Record<string, TextEncoding> = {
  utf8: 'utf-8',
  'latin-1': 'latin1',
  'iso-8859-1': 'latin1',
  iso88591: 'latin1',
  'iso8859-1': 'latin1',
  'iso_8859-1': 'latin1',
  cp1252: 'windows-1252',
  utf16le: 'utf-16le',
  utf16be: 'utf-16be',
}

/** The platform's canonical name for an encoding label, or null when it knows none (or only the Standard's `replacement`). */
function platformEncoding(label: string): string | null {
  try {
    const name = new TextDecoder(label).encoding
    return name === 'replacement' || name === 'x-user-defined' ? null : name
  } catch {
    return null
  }
}

/** `--encoding NAME` as a canonical encoding name; an unknown name is refused with the common ones. */
export function parseTextEncoding(value: string): TextEncoding {
  const v = value.trim().toLowerCase()
  if (v === 'utf-8' || v === 'latin1' || v === 'windows-1252' || v === 'utf-16le' || v === 'utf-16be') return v
  if (ALIASES[v]) return ALIASES[v]
  if (v === 'utf-16' || v === 'utf16' || v === 'unicode' || v === 'ucs-2') {
    throw new Error(`--encoding ${JSON.stringify(value)} is not one the import reads (UTF-16 without a byte-order mark needs its byte order: utf-16le or utf-16be)`)
  }
  // Python spells them with `_` (euc_kr, iso8859_2): the WHATWG labels with `-`.
  const found = /^[a-z0-9._:-]{1,40}$/u.test(v) ? (platformEncoding(v) ?? platformEncoding(v.replaceAll('_', '-'))) : null
  if (found) return found
  throw new Error(`--encoding ${JSON.stringify(value)} is not an encoding the import knows (it takes the WHATWG Encoding Standard's names, as browsers do: ${TEXT_ENCODINGS.join(', ')}, …)`)
}

/** Whether a name is an encoding parseTextEncoding takes (for the API's check of the import dialog's free entry). */
export function isTextEncoding(value: string): boolean {
  try {
    parseTextEncoding(value)
    return true
  } catch {
    return false
  }
}

/** A byte-order mark at the start of a file: the encoding it names, and its length in bytes. */
export function byteOrderMark(b: Uint8Array): { encoding: 'utf-8' | 'utf-16le' | 'utf-16be'; length: number } | null {
  if (b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return { encoding: 'utf-8', length: 3 }
  if (b.length >= 2 && b[0] === 0xff && b[1] === 0xfe) return { encoding: 'utf-16le', length: 2 }
  if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) return { encoding: 'utf-16be', length: 2 }
  return null
}

/** What reads one file's bytes, chunk by chunk (TextDecoder's own signature). */
export interface ChunkDecoder {
  decode(bytes: Uint8Array, opts?: { stream?: boolean }): string
}

/**
 * Windows-1252's bytes 0x80-0x9F (the WHATWG Encoding Standard's index; the five it leaves undefined map to
 * themselves). Every other byte is the code point of the same value, as in ISO-8859-1.
 */
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c,
  0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
]

/**
 * A single-byte decoder (it cannot fail: every byte is a character). Not the platform's TextDecoder: WHATWG
 * makes `latin1` a label of windows-1252, and Node 20.18.3+ and 22.13+ decode `windows-1252` as ISO-8859-1
 * (nodejs/node#60888), so neither label gives one answer on every Node this runs on.
 */
function singleByteDecoder(encoding: 'latin1' | 'windows-1252'): ChunkDecoder {
  const table = new Uint16Array(256)
  for (let i = 0; i < 256; i++) table[i] = encoding === 'windows-1252' && i >= 0x80 && i < 0xa0 ? CP1252_HIGH[i - 0x80] : i
  return {
    decode(bytes: Uint8Array): string {
      const parts: string[] = []
      const piece = new Uint16Array(Math.min(bytes.length, 8192))
      for (let at = 0; at < bytes.length; at += piece.length) {
        const n = Math.min(piece.length, bytes.length - at)
        for (let i = 0; i < n; i++) piece[i] = table[bytes[at + i]]
        parts.push(String.fromCharCode.apply(null, piece.subarray(0, n) as unknown as number[]))
      }
      return parts.join('')
    },
  }
}

/** A strict decoder for an encoding: the platform's fatal TextDecoder but for Latin-1 and Windows-1252 (a BOM is the caller's to drop). */
export function textDecoder(encoding: TextEncoding): ChunkDecoder {
  if (encoding === 'latin1' || encoding === 'windows-1252') return singleByteDecoder(encoding)
  return new TextDecoder(encoding, { fatal: true, ignoreBOM: true })
}

/**
 * The byte offset of the first line (split at 0x0A, which no encoding read here uses inside a character but UTF-16)
 * that is not valid in a legacy encoding, or the length: the platform's decoder says only that bytes are bad, not
 * where. Only asked after it has refused them.
 */
export function firstInvalidLineStart(b: Uint8Array, encoding: TextEncoding): number {
  let start = 0
  while (start < b.length) {
    let end = b.indexOf(0x0a, start)
    if (end < 0) end = b.length
    try {
      textDecoder(encoding).decode(b.subarray(start, end))
    } catch {
      return start
    }
    start = end + 1
  }
  return b.length
}

/** The start of a file as text for detection: by its BOM, else in `encoding` (UTF-8 unless told); bad bytes replaced (the reader names them). */
export function headText(buf: Uint8Array, encoding?: TextEncoding | null): string {
  const bom = byteOrderMark(buf)
  const enc = bom?.encoding ?? encoding ?? 'utf-8'
  const body = bom ? buf.subarray(bom.length) : buf
  if (enc === 'latin1' || enc === 'windows-1252') return singleByteDecoder(enc).decode(body)
  return new TextDecoder(enc, { ignoreBOM: true }).decode(body)
}

/** The WHATWG single-byte encodings (and true Latin-1). */
const SINGLE_BYTE = /^(latin1|ibm866|iso-8859-\d+|koi8-[ru]|macintosh|windows-(874|125\d)|x-mac-cyrillic)$/u

/** Whether the encoding is a single-byte one, which reads (almost) any bytes (so a UTF-8 file read in one gives mojibake, silently). */
export const isSingleByte = (e: TextEncoding): boolean => SINGLE_BYTE.test(e)

/** Whether the encoding is UTF-16 (either byte order). */
export const isUtf16 = (e: TextEncoding): boolean => e === 'utf-16le' || e === 'utf-16be'

/** How the import was told to read text, for messages: `latin1 (--encoding)`. */
export const chosenEncoding = (e: TextEncoding): string => `${e} (--encoding; the import dialog's Encoding)`

/** The way forward named by every refusal of bytes that are not UTF-8. */
export const ENCODING_HINT = 'if the file is in another encoding, name it: --encoding latin1, windows-1252, windows-1250, shift_jis, gb18030, utf-16le, … (in the import dialog: Encoding)'

/**
 * The encoding an XML file declares (`<?xml version="1.0" encoding="ISO-8859-1"?>`), read from its first bytes,
 * or null when it declares none; a name the import does not read is refused, naming it.
 */
export function xmlDeclaredEncoding(head: Uint8Array): TextEncoding | null {
  const start = String.fromCharCode(...head.subarray(0, 200))
  const m = /^<\?xml\s[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/u.exec(start)
  if (!m) return null
  try {
    return parseTextEncoding(m[1])
  } catch {
    // UTF-16 without a byte order is only declared by a file that has a BOM, read before this.
    throw new Error(`the XML declaration names the encoding ${JSON.stringify(m[1])}, which the import does not know; save the file as UTF-8`)
  }
}
