import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { decodeText } from '../../../../src/shared/formats/decodeText'
import { RecordError } from '../../../../src/shared/formats/importRecord'
import { isFault, readLines } from '../../../../src/main/services/import/lineReader'
import { firstInvalidUtf8, incompleteUtf8Tail } from '../../../../src/shared/text/utf8'
import { tempDir } from '../../../helpers/tempWorkspace'

const b = (...xs: number[]) => Uint8Array.from(xs)
const ascii = (s: string) => [...Buffer.from(s)]

/** Byte sequences the old hand-written scan let through, and the classic invalid ones. */
const INVALID: [string, number[]][] = [
  ['encoded high surrogate ED A0 80', [0xed, 0xa0, 0x80]],
  ['encoded low surrogate ED B0 80', [0xed, 0xb0, 0x80]],
  ['overlong slash C0 AF', [0xc0, 0xaf]],
  ['overlong slash E0 80 AF', [0xe0, 0x80, 0xaf]],
  ['overlong F0 80 80 AF', [0xf0, 0x80, 0x80, 0xaf]],
  ['above U+10FFFF: F4 90 80 80', [0xf4, 0x90, 0x80, 0x80]],
  ['F5 lead byte', [0xf5, 0x80, 0x80, 0x80]],
  ['stray continuation 80', [0x80]],
  ['FF', [0xff]],
  ['truncated two-byte C3', [0xc3]],
  ['truncated three-byte E2 82', [0xe2, 0x82]],
  ['truncated four-byte F0 9F 98', [0xf0, 0x9f, 0x98]],
  ['lead then ASCII: E2 41', [0xe2, 0x41]],
]

describe('UTF-8 validity is the platform decoder', () => {
  for (const [name, bytes] of INVALID) {
    it(`refuses ${name}, and says at which byte and line`, () => {
      const body = Buffer.from([...ascii('{"ok":1}\nab'), ...bytes, ...ascii('cd\n')])
      expect(firstInvalidUtf8(body)).toBe(11)
      expect(() => decodeText(body)).toThrow(RecordError)
      try {
        decodeText(body)
      } catch (e) {
        expect((e as RecordError).line).toBe(2)
        expect((e as Error).message).toMatch(/^not valid UTF-8 at byte 11 /)
      }
    })
  }

  it('accepts the edges of valid UTF-8', () => {
    const ok = Buffer.from('a\u0080\u07ff\u0800\ud7ff\ue000\uffff\u{10000}\u{10ffff}é😀')
    expect(firstInvalidUtf8(ok)).toBe(ok.length)
    expect(decodeText(ok)).toBe('a\u0080\u07ff\u0800\ud7ff\ue000\uffff\u{10000}\u{10ffff}é😀')
  })

  it('a sequence cut off by the end is valid in a stream chunk, invalid in a whole file', () => {
    expect(firstInvalidUtf8(b(0x61, 0xf0, 0x9f, 0x98), true)).toBe(4)
    expect(firstInvalidUtf8(b(0x61, 0xf0, 0x9f, 0x98), false)).toBe(1)
    expect(incompleteUtf8Tail(b(0x61, 0xf0, 0x9f, 0x98))).toBe(3)
    expect(incompleteUtf8Tail(b(0x61, 0xf0, 0x9f, 0x98, 0x80))).toBe(0)
    expect(incompleteUtf8Tail(b(0x61, 0xc3))).toBe(1)
  })
})

describe('the streaming line reader refuses the same bytes across every chunk boundary', () => {
  const write = (bytes: Buffer) => {
    const f = path.join(tempDir(), 'f.jsonl')
    fs.writeFileSync(f, bytes)
    return f
  }
  for (const [name, bytes] of INVALID) {
    it(`${name}: the lines before it come through exact, then the fault names line 3`, () => {
      const body = Buffer.concat([Buffer.from('één 😀\nשלום\nxy'), Buffer.from(bytes), Buffer.from('z\nafter\n')])
      for (const chunkBytes of [1, 2, 3, 4, 5, 7, 11, 64]) {
        const got: string[] = []
        let fault: RecordError | null = null
        try {
          for (const item of readLines(write(body), { chunkBytes })) got.push(isFault(item) ? '!' : item.raw)
        } catch (e) {
          fault = e as RecordError
        }
        expect(got, `chunk ${chunkBytes}`).toEqual(['één 😀', 'שלום'])
        expect(fault, `chunk ${chunkBytes}`).toBeInstanceOf(RecordError)
        expect(fault!.line, `chunk ${chunkBytes}`).toBe(3)
        expect(got.join('')).not.toContain('\ufffd')
      }
    })
  }

  it('a valid four-byte character split over every boundary is read whole', () => {
    const body = Buffer.from('a😀b\n😀\n')
    for (const chunkBytes of [1, 2, 3, 4, 5]) {
      expect([...readLines(write(body), { chunkBytes })].map((x) => (isFault(x) ? '!' : x.raw))).toEqual(['a😀b', '😀'])
    }
  })
})
