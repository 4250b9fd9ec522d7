import { describe, expect, it } from 'vitest'
import { formatManifest, parseManifest } from '../../../../src/shared/formats/exportManifest'
import { RecordError } from '../../../../src/shared/formats/importRecord'

describe('export manifest', () => {
  it('keeps ids with tabs, newlines, quotes, lone surrogates and bidi marks exactly, one line each', () => {
    const entries = [
      { file: 'x_1~abc', id: 'x:1', annotator: null },
      { file: 'tab', id: 'a\tb\nc"d\\', annotator: 'alice' },
      { file: 'odd', id: '\ud800 \u202e', annotator: null },
    ]
    const text = formatManifest(entries)
    expect(text.split('\n').length).toBe(entries.length + 2) // header, entries, final newline
    expect([...parseManifest(text).values()]).toEqual(entries)
  })

  it('refuses a bad line naming it', () => {
    const bad = (text: string) => {
      try {
        parseManifest(text)
      } catch (e) {
        expect(e).toBeInstanceOf(RecordError)
        return `${(e as RecordError).line}: ${(e as Error).message}`
      }
      return 'accepted'
    }
    expect(bad('# h\n"a"\t"b"\nnot json')).toBe('3: manifest line is not tab-separated JSON strings')
    expect(bad('"a"')).toMatch(/^1: manifest line needs a file and a document id/)
    expect(bad('"a"\t1')).toMatch(/^1: manifest line needs/)
    expect(bad('"a"\t""')).toBe('1: manifest line has an empty document id')
    expect(bad('"a"\t"x"\n"a"\t"y"')).toBe('2: manifest names the file "a" twice')
  })
})
