// The encodings `--encoding` reads, by the platform's fatal TextDecoder for UTF-8/UTF-16 and by the WHATWG table
// for Windows-1252 (Node 20.18.3+ and 22.13+ decode `windows-1252` as ISO-8859-1: nodejs/node#60888).
import { describe, expect, it } from 'vitest'
import { decodeText } from '../../../../src/shared/formats/decodeText'
import { bomlessUtf16, firstInvalidUtf16, lineAtByte, SingleByteWatch } from '../../../../src/shared/formats/encodingFaults'
import { headText, parseTextEncoding, textDecoder } from '../../../../src/shared/formats/textEncoding'

const bytes = (...parts: (string | number[])[]) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))))

describe('encodings', () => {
  it('--encoding names: the five, and the spellings Python and iconv use; utf-16 alone is refused asking for its byte order', () => {
    expect(['utf-8', 'UTF8', 'latin1', 'Latin-1', 'ISO-8859-1', 'iso8859-1', 'windows-1252', 'CP1252', 'utf-16le', 'UTF16BE'].map(parseTextEncoding)).toEqual([
      'utf-8', 'utf-8', 'latin1', 'latin1', 'latin1', 'latin1', 'windows-1252', 'windows-1252', 'utf-16le', 'utf-16be',
    ])
    expect(() => parseTextEncoding('utf-16')).toThrow(/needs its byte order: utf-16le or utf-16be/)
    // Any other WHATWG label the platform knows, by its canonical name; Python's spellings with `_` too.
    expect(['shift_jis', 'Shift-JIS', 'GB18030', 'euc_kr', 'KOI8-R', 'cp1250', 'latin2', 'iso8859_2'].map(parseTextEncoding)).toEqual([
      'shift_jis', 'shift_jis', 'gb18030', 'euc-kr', 'koi8-r', 'windows-1250', 'iso-8859-2', 'iso-8859-2',
    ])
    expect(() => parseTextEncoding('klingon-8')).toThrow(/"klingon-8" is not an encoding the import knows/)
    expect(() => parseTextEncoding('iso-2022-kr')).toThrow(/not an encoding the import knows/)
  })

  it('Windows-1252 0x80-0x9F as the Encoding Standard maps them; Latin-1 byte for code point', () => {
    const high = Uint8Array.from({ length: 32 }, (_, i) => 0x80 + i)
    // From the WHATWG index-windows-1252 (the five undefined bytes map to themselves).
    expect(textDecoder('windows-1252').decode(high)).toBe('€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ')
    expect(textDecoder('latin1').decode(high)).toBe(String.fromCharCode(...high))
    const all = Uint8Array.from({ length: 256 }, (_, i) => i)
    expect(textDecoder('latin1').decode(all)).toBe(String.fromCharCode(...all))
    // A file longer than one piece of the decoder (8 KiB) decodes whole.
    const long = new Uint8Array(20_000).fill(0xe9)
    expect(textDecoder('latin1').decode(long)).toBe('é'.repeat(20_000))
  })

  it('headText: a BOM wins, else the encoding given, else UTF-8', () => {
    expect(headText(bytes('Li\xe8ge'), 'latin1')).toBe('Liège')
    expect(headText(bytes([0xef, 0xbb, 0xbf], 'x'), 'latin1')).toBe('x')
    expect(headText(Buffer.from('[{"a":1}]', 'utf16le'), 'utf-16le')).toBe('[{"a":1}]')
    expect(headText(bytes('Li\xe8ge'))).toBe('Li\ufffdge')
  })
})

describe('decodeText', () => {
  it('a non-UTF-8 byte is refused with its line, byte, what it is in Latin-1 or Windows-1252, and --encoding', () => {
    expect(() => decodeText(bytes('Title\nLi\xe8ge\n'))).toThrow(
      'not valid UTF-8 at byte 8 (0xE8: “è” in Latin-1 and Windows-1252); if the file is in another encoding, name it: --encoding latin1, windows-1252, windows-1250, shift_jis, gb18030, utf-16le, … (in the import dialog: Encoding)',
    )
    expect(() => decodeText(bytes('Title\nLi\xe8ge\n'))).toThrow(expect.objectContaining({ line: 2 }))
    expect(() => decodeText(bytes('\x93quoted\x94'))).toThrow(/^not valid UTF-8 at byte 0 \(0x93: ““” in Windows-1252\); if the file/)
    // An overlong form and an encoded surrogate: not UTF-8, named by their first byte (no legacy guess for 0xC0).
    expect(() => decodeText(bytes('a\n', [0xc0, 0xaf]))).toThrow(/^not valid UTF-8 at byte 2 \(0xC0: “À”/)
    expect(() => decodeText(bytes('a\nb\n', [0xed, 0xa0, 0x80]))).toThrow(expect.objectContaining({ line: 3 }))
  })

  it('UTF-16 without a BOM: refused naming its byte order, read with it; an unpaired surrogate named with its line', () => {
    const le = Buffer.from('Kerry\nin Köln\n', 'utf16le')
    expect(() => decodeText(le)).toThrow('the file looks like UTF-16 without a byte-order mark; import it with --encoding utf-16le (in the import dialog: Encoding), or save it as UTF-8')
    expect(() => decodeText(Buffer.from(le).swap16())).toThrow(/--encoding utf-16be/)
    expect(decodeText(le, { encoding: 'utf-16le' })).toBe('Kerry\nin Köln\n')
    const bad = Buffer.concat([Buffer.from('a\nb\n', 'utf16le'), Buffer.from([0x3d, 0xd8]), Buffer.from('c', 'utf16le')])
    expect(() => decodeText(bad, { encoding: 'utf-16le' })).toThrow(expect.objectContaining({ line: 3, message: 'not valid UTF-16LE at byte 8 (an unpaired surrogate, or an odd last byte)' }))
    expect(() => decodeText(Buffer.concat([le, Buffer.from([0x41])]), { encoding: 'utf-16le' })).toThrow(/odd last byte/)
  })

  it('binary data with NULs at both byte parities is not taken for UTF-16', () => {
    expect(bomlessUtf16(bytes('ab', [0, 0, 1], '\n'))).toBeNull()
    expect(bomlessUtf16(Buffer.from('hello', 'utf16le'))).toBe('utf-16le')
    expect(() => decodeText(bytes('ab', [0, 0, 1], '\n'))).toThrow(/^not a text file \(binary data: NUL bytes\)/)
  })

  it('a BOM wins over the encoding given, with a warning', () => {
    const warnings: string[] = []
    expect(decodeText(bytes([0xef, 0xbb, 0xbf], 'Li\xc3\xa8ge'), { encoding: 'windows-1252', warn: (w) => warnings.push(w) })).toBe('Liège')
    expect(warnings).toEqual(['the file starts with a UTF-8 byte-order mark, so it was read as UTF-8, not as windows-1252 (--encoding)'])
  })
})

describe('SingleByteWatch', () => {
  it('says a UTF-8 file read as latin1 once, as soon as its bytes show it; a real Latin-1 file is quiet', () => {
    const watch = new SingleByteWatch('latin1')
    expect(watch.feed(bytes('ascii\nonly\n'), false)).toEqual([])
    expect(watch.feed(bytes('Li\xc3\xa8ge\n'), false)).toEqual([expect.stringMatching(/^read as latin1 \(--encoding\), but the file is valid UTF-8 with non-ASCII characters \(the first on line 3\)/)])
    expect(watch.feed(bytes('Li\xc3\xa8ge\n'), true)).toEqual([])
    expect(new SingleByteWatch('latin1').feed(bytes('Li\xe8ge\n'), true)).toEqual([])
    expect(new SingleByteWatch('windows-1252').feed(bytes('\x93a\x94\n'), true)).toEqual([])
    expect(new SingleByteWatch('utf-8').feed(bytes('Li\xc3\xa8ge\n'), true)).toEqual([])
  })

  it('a UTF-8 file with its BOM joined to a Latin-1 one (cat) is said with its line, once', () => {
    const watch = new SingleByteWatch('latin1')
    expect(watch.feed(bytes('Li\xe8ge B-LOC\n\n', [0xef, 0xbb, 0xbf], 'K\xc3\xb6ln B-LOC\n'), false)).toEqual([
      expect.stringMatching(/^read as latin1 \(--encoding\), the file holds a UTF-8 byte-order mark on line 3 \(files joined with cat\?\)/),
    ])
    expect(watch.feed(bytes([0xef, 0xbb, 0xbf], 'x\n'), true)).toEqual([])
  })

  it('a UTF-16 BOM inside a UTF-8 file is named as one (a UTF-16 file joined to it), not as Latin-1', () => {
    expect(() => decodeText(Buffer.concat([Buffer.from('Kerry O\n'), Buffer.from([0xff, 0xfe]), Buffer.from('M\n', 'utf16le')]))).toThrow(
      expect.objectContaining({ line: 2, message: 'not valid UTF-8 at byte 8: a UTF-16 byte-order mark (0xFF 0xFE) in the middle of the file, as joining a UTF-16 file to it leaves; save that part as UTF-8' }),
    )
  })

  it('firstInvalidUtf16 and lineAtByte', () => {
    const b = Buffer.concat([Buffer.from('a\nb\n', 'utf16le'), Buffer.from([0x00, 0xdc])])
    expect(firstInvalidUtf16(b, true)).toBe(8)
    expect(lineAtByte(b, 8, 'utf-16le')).toBe(3)
    // U+0A0A holds 0x0A bytes that are no line break.
    expect(lineAtByte(Buffer.from('\u0a0a\u0a0ax', 'utf16le'), 4, 'utf-16le')).toBe(1)
    expect(lineAtByte(Buffer.from('a\nb', 'utf16le').swap16(), 6, 'utf-16be')).toBe(2)
  })
})
