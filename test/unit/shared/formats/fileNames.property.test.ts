import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { documentFileNames } from '../../../../src/shared/formats/fileNames'

/**
 * The folder exports' file names, checked from outside: what a file system
 * (ext4, APFS, NTFS) would do with them is written out here independently of
 * the implementation.
 */

const BIDI_AND_MARKS = /[\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c]/u
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/u
const WINDOWS_FORBIDDEN = /[\\/:*?"<>|]/u
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/
const DEVICE = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i

/** Every reason a component (with `.ann` added, as brat writes) could not be a file name. */
function problems(component: string, ext: string): string[] {
  const out: string[] = []
  const name = component + ext
  if (component === '' || component === '.' || component === '..') out.push('empty or dot')
  if (Buffer.byteLength(name, 'utf8') > 255) out.push('over 255 bytes')
  if (CONTROL.test(component)) out.push('control character')
  if (BIDI_AND_MARKS.test(component)) out.push('bidi or mark character')
  if (WINDOWS_FORBIDDEN.test(component)) out.push('forbidden character')
  if (LONE_SURROGATE.test(component)) out.push('lone surrogate')
  if (component.startsWith('.')) out.push('hidden (leading dot)')
  if (/[. ]$/.test(component)) out.push('trailing dot or space')
  if (DEVICE.test(component.split('.')[0].trimEnd())) out.push('Windows device name')
  return out
}

/** What a case-insensitive, normalising file system compares. */
const folded = (p: string) => p.normalize('NFC').toLowerCase()

const tricky = fc.constantFrom(
  'x:1', 'x_1', 'X_1', 'CON', 'con', 'con.txt', 'nul', 'COM1', 'lpt9', '.', '..', '', 'a/b', 'a/b/', '/a', 'a//b', 'a\u202eb', 'a\u2066b', 'a\u200eb',
  'x~abc', 'x~', '~', 'tab\there', 'nl\nhere', 'nul\u0000here', 'trailing.', 'trailing ', ' leading', '.hidden', 'Straße', 'STRASSE', 'strasse',
  'e\u0301', '\u00e9', 'É', '\ud800', '\udfff', '😀', 'a.txt/b', 'annotation.conf/x', 'x'.repeat(300), '😀'.repeat(100), 'é'.repeat(130),
)
const id = fc.oneof(
  tricky,
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.string({ unit: fc.constantFrom('a', 'A', ':', '_', '/', '.', ' ', '~', 'é', 'e\u0301', '\u202e'), maxLength: 12 }),
  fc.string({ unit: 'binary', minLength: 200, maxLength: 400 }),
)
// Ids with their case variants beside them, so clashes but for case come up often.
const idSet = fc.array(id, { maxLength: 40 }).map((ids) => [...new Set(ids.flatMap((s) => [s, s.toUpperCase(), s.toLowerCase()]))])

describe('documentFileNames', () => {
  it('gives every id its own path, also on a case-insensitive, normalising file system', () => {
    fc.assert(
      fc.property(idSet, (ids) => {
        const names = documentFileNames(ids)
        expect(names.size).toBe(ids.length)
        const paths = [...names.values()]
        expect(new Set(paths).size).toBe(paths.length)
        expect(new Set(paths.map(folded)).size).toBe(paths.length)
      }),
      { numRuns: 400 },
    )
  })

  it('makes every path component a valid file name within 255 UTF-8 bytes, free of controls, bidi marks and forbidden characters', () => {
    fc.assert(
      fc.property(idSet, (ids) => {
        for (const p of documentFileNames(ids).values()) {
          const parts = p.split('/')
          parts.forEach((c, i) => expect([c, problems(c, i === parts.length - 1 ? '.ann' : '')]).toEqual([c, []]))
        }
      }),
      { numRuns: 400 },
    )
  })

  it('keeps whole paths short: a deep id becomes one name', () => {
    const deep = Array.from({ length: 40 }, (_, i) => `level${i}-${'x'.repeat(60)}`).join('/')
    const names = documentFileNames([deep, 'a/b'])
    expect(names.get(deep)).not.toContain('/')
    expect(Buffer.byteLength(names.get(deep)!)).toBeLessThan(255)
    expect(names.get('a/b')).toBe('a/b')
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 120 }), { minLength: 1, maxLength: 60 }), (segments) => {
        expect(Buffer.byteLength(documentFileNames([segments.join('/')]).values().next().value!)).toBeLessThanOrEqual(1024)
      }),
    )
  })

  it('never lets a folder meet a file: no folder ends in .txt, .ann or .conf', () => {
    fc.assert(
      fc.property(idSet, (ids) => {
        for (const p of documentFileNames(ids).values()) {
          for (const dir of p.split('/').slice(0, -1)) expect(dir).not.toMatch(/\.(txt|ann|conf)$/i)
        }
      }),
    )
  })

  it('is deterministic and keeps clean ids readable as they are', () => {
    fc.assert(
      fc.property(idSet, (ids) => {
        expect([...documentFileNames(ids)]).toEqual([...documentFileNames([...ids])])
      }),
    )
    const names = documentFileNames(['doc-1', 'Résumé 2', 'corpus/news/001', 'Ünïcödé😀'])
    expect([...names.values()]).toEqual(['doc-1', 'Résumé 2', 'corpus/news/001', 'Ünïcödé😀'])
  })

  it('keeps x:1 apart from x_1, Doc apart from doc, and a 300-character id within bounds, each readable', () => {
    const long = 'n'.repeat(300)
    const names = documentFileNames(['x:1', 'x_1', 'Doc', 'doc', long, 'CON', 'a\u202egnp.exe'])
    expect(names.get('x_1')).toBe('x_1')
    expect(names.get('x:1')).toMatch(/^x_1~[0-9a-v]{14}$/)
    expect(names.get('Doc')).toMatch(/^Doc~[0-9a-v]{14}$/)
    expect(names.get('doc')).toMatch(/^doc~[0-9a-v]{14}$/)
    expect(names.get(long)).toMatch(/^n{160}~[0-9a-v]{14}$/)
    expect(names.get('CON')).toMatch(/^CON_~[0-9a-v]{14}$/)
    expect(names.get('a\u202egnp.exe')).toMatch(/^a_gnp\.exe~[0-9a-v]{14}$/)
  })
})
