// The streaming line reader under the importers: chunk boundaries, encodings, long lines.
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { isFault, readLines } from '../../src/main/services/import/lineReader'
import { tempDir } from '../helpers/tempWorkspace'

function file(body: string | Buffer): string {
  const f = path.join(tempDir(), 'f.txt')
  fs.writeFileSync(f, body)
  return f
}

describe('readLines', () => {
  it('splits LF and CRLF lines across tiny chunks without cutting multi-byte characters, numbering blank lines too', () => {
    const text = 'één 😀\r\n\nשלום\r\nlast 👨‍👩‍👧'
    for (const chunkBytes of [1, 2, 3, 5, 7, 64]) {
      const got = [...readLines(file(text), { chunkBytes })]
      expect(got, `chunk ${chunkBytes}`).toEqual([
        { line: 1, raw: 'één 😀' },
        { line: 2, raw: '' },
        { line: 3, raw: 'שלום' },
        { line: 4, raw: 'last 👨‍👩‍👧' },
      ])
    }
  })

  it('reads UTF-16 LE and BE with a BOM, and drops a UTF-8 BOM', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('a 😀\nb\n', 'utf16le')])
    expect([...readLines(file(le), { chunkBytes: 3 })]).toEqual([{ line: 1, raw: 'a 😀' }, { line: 2, raw: 'b' }])
    const be = Buffer.from(le)
    for (let i = 0; i < be.length; i += 2) [be[i], be[i + 1]] = [be[i + 1], be[i]]
    expect([...readLines(file(be))]).toEqual([{ line: 1, raw: 'a 😀' }, { line: 2, raw: 'b' }])
    expect([...readLines(file(Buffer.from('\ufeffx\n')))]).toEqual([{ line: 1, raw: 'x' }])
  })

  it('reports an over-long line as a fault without holding it, and goes on', () => {
    const f = file(`short\n${'x'.repeat(5000)}\nafter\n${'y'.repeat(3000)}`)
    const got = [...readLines(f, { maxLineChars: 1000, chunkBytes: 256 })]
    expect(got.map((x) => (isFault(x) ? `${x.line}!` : `${x.line}:${x.raw}`))).toEqual(['1:short', '2!', '3:after', '4!'])
  })

  it('names the line of invalid UTF-8 even when it is in a later chunk', () => {
    const f = file(Buffer.concat([Buffer.from('ok\n'.repeat(100)), Buffer.from([0x41, 0xe8, 0x0a])]))
    const seen: number[] = []
    expect(() => {
      for (const x of readLines(f, { chunkBytes: 16 })) if (!isFault(x)) seen.push(x.line)
    }).toThrow(expect.objectContaining({ line: 101, message: expect.stringMatching(/not valid UTF-8/) }))
    expect(seen).toHaveLength(100)
  })
})
