import { ENCODING_HINT, headText, isSingleByte, textDecoder } from './textEncoding'
import type { TextEncoding } from './textEncoding'

const hex = (b: number) => `0x${b.toString(16).toUpperCase().padStart(2, '0')}`

/**
 * Why bytes are not UTF-8, for the refusal: where, what the byte would be in the legacy encodings it most
 * likely comes from (0x80-0x9F are control characters in ISO-8859-1, so those point at Windows-1252), and
 * the option that reads the file.
 */
export function notUtf8Reason(byteOffset: number, bytes: Uint8Array, at: number, hint = ENCODING_HINT): string {
  const byte = bytes[at]
  // A UTF-16 BOM inside a UTF-8 file: a UTF-16 file joined to it (cat), not a legacy encoding.
  if ((byte === 0xff && bytes[at + 1] === 0xfe) || (byte === 0xfe && bytes[at + 1] === 0xff)) {
    return `not valid UTF-8 at byte ${byteOffset}: a UTF-16 byte-order mark (${hex(byte)} ${hex(bytes[at + 1])}) in the middle of the file, as joining a UTF-16 file to it leaves; save that part as UTF-8`
  }
  let guess = ''
  if (byte !== undefined && byte >= 0xa0) guess = ` (${hex(byte)}: “${String.fromCharCode(byte)}” in Latin-1 and Windows-1252)`
  else if (byte !== undefined && byte >= 0x80) {
    const c = textDecoder('windows-1252').decode(Uint8Array.of(byte))
    if (c.charCodeAt(0) >= 0xa0) guess = ` (${hex(byte)}: “${c}” in Windows-1252)`
  }
  return `not valid UTF-8 at byte ${byteOffset}${guess}; ${hint}`
}

/**
 * Byte index of the first code unit that is not valid UTF-16 (an unpaired surrogate, an odd last byte),
 * or the length. Only asked after the platform's fatal decoder has refused the bytes.
 */
export function firstInvalidUtf16(b: Uint8Array, littleEndian: boolean): number {
  const unit = (i: number) => (littleEndian ? b[i] | (b[i + 1] << 8) : (b[i] << 8) | b[i + 1])
  let i = 0
  for (; i + 1 < b.length; i += 2) {
    const u = unit(i)
    if (u >= 0xdc00 && u <= 0xdfff) return i
    if (u >= 0xd800 && u <= 0xdbff) {
      if (i + 3 >= b.length) return i
      const next = unit(i + 2)
      if (next < 0xdc00 || next > 0xdfff) return i
      i += 2
    }
  }
  return i
}

/**
 * The line (1-based) of byte `at` in text of this encoding: LF counted as a byte, or as a UTF-16 code unit; CR
 * instead in a file whose lines end with a lone CR (`crLines`; null: told by the bytes before `at`, CRs and no LF).
 */
export function lineAtByte(b: Uint8Array, at: number, encoding: TextEncoding, line = 1, crLines: boolean | null = null): number {
  const utf16 = encoding === 'utf-16le' || encoding === 'utf-16be'
  const lo = encoding === 'utf-16le' ? 0 : 1
  const count = (eol: number): number => {
    let n = 0
    if (utf16) {
      for (let i = 0; i + 1 < at; i += 2) if (b[i + lo] === eol && b[i + 1 - lo] === 0) n++
    } else for (let i = 0; i < at; i++) if (b[i] === eol) n++
    return n
  }
  const lf = count(0x0a)
  if (crLines === false || lf > 0) return line + lf
  return line + count(0x0d)
}

/** UTF-16 text without a BOM: a NUL in most odd (or even) positions of the first bytes. Its byte order, or null. */
export function bomlessUtf16(b: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(b.length, 4096) & ~1
  if (n < 4) return null
  let even = 0
  let odd = 0
  for (let i = 0; i < n; i += 2) {
    if (b[i] === 0) even++
    if (b[i + 1] === 0) odd++
  }
  // Binary data holds NULs at both parities; UTF-16 text of Latin letters, digits and punctuation at one.
  if (Math.max(even, odd) < (n / 2) * 0.3 || Math.min(even, odd) * 4 > Math.max(even, odd)) return null
  // ASCII in little-endian is the character then NUL.
  return odd >= even ? 'utf-16le' : 'utf-16be'
}

export function bomlessUtf16Reason(order: 'utf-16le' | 'utf-16be', hint?: string): string {
  return `the file looks like UTF-16 without a byte-order mark; ${hint ?? `import it with --encoding ${order} (in the import dialog: Encoding), or save it as UTF-8`}`
}

/** A BOM naming another encoding than the one chosen: the BOM wins (as the Encoding Standard's decode does), and the import says so. */
export function bomWinsWarning(bom: TextEncoding, chosen: TextEncoding): string {
  return `the file starts with a ${bom.toUpperCase()} byte-order mark, so it was read as ${bom.toUpperCase()}, not as ${chosen} (--encoding)`
}

/**
 * Watches a file read in a single-byte encoding (which cannot fail to decode) for the two common mistakes:
 * a UTF-8 file (its bytes are valid UTF-8 with multi-byte sequences, so every accent became two characters),
 * and a Windows-1252 file read as Latin-1 (bytes 0x80-0x9F, control characters in ISO-8859-1). Each is said
 * once, as soon as the bytes read so far show it (so a preview of the first records says it too).
 */
export class SingleByteWatch {
  private utf8: TextDecoder | null = new TextDecoder('utf-8', { fatal: true })
  private line = 1
  private firstHigh = 0
  private firstC1 = 0
  private said = false
  private joined = false
  private ef = 0

  constructor(private readonly encoding: TextEncoding) {}

  /**
   * After the last bytes are fed: the line of the first non-ASCII byte when every byte was valid UTF-8 (the file is
   * UTF-8, and reading it in this single-byte encoding would store mojibake), else null.
   */
  utf8Line(): number | null {
    return this.utf8 && this.firstHigh ? this.firstHigh : null
  }

  /** Feeds the file's next bytes (`last`: the end of the file); returns what they show, once. */
  feed(bytes: Uint8Array, last: boolean): string[] {
    if (!isSingleByte(this.encoding) || (this.said && this.joined && !this.utf8)) return []
    const out: string[] = []
    for (let i = 0; i < bytes.length; i++) {
      const b = bytes[i]
      if (b === 0x0a) this.line++
      else if (b >= 0x80) {
        this.firstHigh ||= this.line
        if (b < 0xa0) this.firstC1 ||= this.line
      }
      // EF BB BF after the start: a UTF-8 file (with its BOM) joined to this one.
      this.ef = b === 0xef ? 1 : this.ef === 1 && b === 0xbb ? 2 : this.ef === 2 && b === 0xbf ? 3 : 0
      if (this.ef === 3 && !this.joined) {
        this.joined = true
        out.push(
          `read as ${this.encoding} (--encoding), the file holds a UTF-8 byte-order mark on line ${this.line} (files joined with cat?): ` +
            `what follows it is most likely UTF-8, and was read as ${this.encoding} (“é” as “Ã©”); convert the other files to UTF-8 before joining them (iconv -f ${this.encoding} -t utf-8), then import without --encoding`,
        )
      }
    }
    if (this.utf8) {
      try {
        this.utf8.decode(bytes, { stream: !last })
      } catch {
        this.utf8 = null
      }
    }
    if (!this.firstHigh || this.said) return out
    if (this.utf8) {
      this.said = true
      return [
        ...out,
        `read as ${this.encoding} (--encoding), but the file is valid UTF-8 with non-ASCII characters (the first on line ${this.firstHigh}): ` +
          'it is most likely UTF-8, and each accented letter was read as two characters (“é” as “Ã©”); import it without --encoding',
      ]
    }
    if (this.encoding === 'latin1' && this.firstC1) {
      this.said = true
      return [
        ...out,
        `read as latin1 (--encoding), the file holds bytes 0x80-0x9F (the first on line ${this.firstC1}), control characters in ISO-8859-1; ` +
          'Windows-1252 reads them as € ‘ ’ “ ” – — …: if the file is Windows-1252, import it with --encoding windows-1252',
      ]
    }
    return out
  }
}

/** What `é` (UTF-8 C3 A9) reads as in a single-byte encoding: the mojibake a UTF-8 file read in it gets. */
const mojibake = (encoding: TextEncoding): string => headText(Uint8Array.of(0xc3, 0xa9), encoding)

/**
 * The refusal of a UTF-8 file told to be read in a single-byte encoding (`--encoding latin1` on UTF-8 bytes): every
 * accented letter would be stored as two characters, for good (a document's text never changes after import).
 * `--force-encoding` (the import dialog's "Read as chosen") reads it as told, with the warning.
 */
export function utf8MisreadReason(encoding: TextEncoding): string {
  return (
    `read as ${encoding} (--encoding), but the file is valid UTF-8 with non-ASCII characters from this line on: ` +
    `imported so, each accented letter would be stored as two characters (“é” as “${mojibake(encoding)}”) for good; ` +
    `import it without --encoding (UTF-8), or, if it really is ${encoding}, add --force-encoding (in the import dialog: Read as chosen)`
  )
}

/** Bytes a legacy encoding (Shift_JIS, GB18030, Windows-1253, …) has no character for, on the line named with it. */
export function legacyFaultReason(encoding: TextEncoding): string {
  return `bytes on this line that are not valid ${encoding} (--encoding): the file is in another encoding; name it with --encoding (utf-8 is the default; in the import dialog: Encoding)`
}
