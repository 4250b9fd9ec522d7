// The outsider catalogue, text formats (plain .txt, CoNLL, brat .txt + .ann):
// the bytes a legacy editor, a renamed file or a cut-off copy leave, each
// refused with `file:line` and its reason and the workspace unchanged, or
// imported exactly.
import { describe, expect, it } from 'vitest'
import { runCase } from './catalogueSupport'
import type { Case } from './catalogueSupport'

const PNG_HEAD = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0])
const BAD_BYTES: [string, number[]][] = [
  ['an encoded surrogate ED A0 80', [0xed, 0xa0, 0x80]],
  ['an overlong slash C0 AF', [0xc0, 0xaf]],
  ['an overlong E0 80 AF', [0xe0, 0x80, 0xaf]],
  ['a code point above U+10FFFF (F4 90 80 80)', [0xf4, 0x90, 0x80, 0x80]],
  ['a stray FF byte', [0xff]],
  ['a Latin-1 è (E8)', [0xe8]],
  ['a lone continuation byte 80', [0x80]],
]
const bytes = (...parts: (string | number[])[]) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : Buffer.from(p))))

const TXT = 'A title\nKerry met Michel in Brussels.\n'
const CONLL = '-DOCSTART- d1\nKerry B-PERSON\nmet O\nMichel B-PERSON\n. O\n'
const ANN = 'T1\tPERSON 0 5\tKerry\nT2\tPERSON 10 16\tMichel\n'
const BRAT_TXT = 'Kerry met Michel in Brussels.\n'

const cases: Case[] = []
// --- plain text
for (const [what, b] of BAD_BYTES) {
  cases.push({ name: `txt: ${what} on line 2`, files: { 'a.txt': bytes('A title\nLi', b, 'ge\n') }, format: 'txt', expect: { refused: [[2, /^not valid UTF-8 at byte 10 /]] } })
}
cases.push(
  { name: 'txt: a PNG renamed .txt', files: { 'a.txt': PNG_HEAD }, format: 'txt', expect: { refused: [[1, /^not a text file \(a PNG image\)/]] } },
  { name: 'txt: an empty file', files: { 'a.txt': '' }, format: 'txt', expect: { refused: [[1, /^empty file/]] } },
  { name: 'txt: only blank lines', files: { 'a.txt': '\n \n\t\n' }, format: 'txt', expect: { refused: [[1, /^empty file/]] } },
  { name: 'txt: NUL bytes on the first line', files: { 'a.txt': bytes('ab', [0, 0, 1], '\n') }, format: 'txt', expect: { refused: [[1, /^not a text file \(binary data: NUL bytes\)/]] } },
  { name: 'txt: a NUL on line 3', files: { 'a.txt': bytes('T\nok\nx', [0], '\n') }, format: 'txt', expect: { refused: [[3, /NUL character/]] } },
  { name: 'txt: a truncated sequence at the end (F0 9F 98)', files: { 'a.txt': bytes('T\nend ', [0xf0, 0x9f, 0x98]) }, format: 'txt', expect: { refused: [[2, /^not valid UTF-8/]] } },
  { name: 'txt: a ZIP (a .docx) renamed .txt', files: { 'a.txt': bytes([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0]) }, format: 'txt', expect: { refused: [[1, /^not a text file \(a ZIP archive/]] } },
  { name: 'txt: a PDF renamed .txt', files: { 'a.txt': bytes('%PDF-1.4\n%', [0xe2, 0xe3, 0xcf, 0xd3], '\n') }, format: 'txt', expect: { refused: [[1, /^not a text file \(a PDF document\)/]] } },
  { name: 'txt: BOM and CRLF are imported, text kept', files: { 'a.txt': bytes([0xef, 0xbb, 0xbf], 'T\r\nbody\r\n') }, format: 'txt', expect: { imported: { documents: 1, spans: [] } } },
  { name: 'txt: UTF-16 LE with a BOM is imported', files: { 'a.txt': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(TXT, 'utf16le')]) }, format: 'txt', expect: { imported: { documents: 1, spans: [] } } },
  { name: 'txt: UTF-16 with a BOM cut in half a code unit', files: { 'a.txt': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(TXT, 'utf16le').subarray(0, 9)]) }, format: 'txt', expect: { refused: [[1, /./]] } },
)
// --- CoNLL
for (const [what, b] of BAD_BYTES) {
  cases.push({ name: `conll: ${what} in a token on line 3`, files: { 'a.conll': bytes('-DOCSTART- d1\nKerry B-PERSON\nLi', b, 'ge O\n') }, format: 'conll', expect: { refused: [[3, /^not valid UTF-8/]] } })
}
cases.push(
  { name: 'conll: a PNG renamed .conll', files: { 'a.conll': PNG_HEAD }, format: 'conll', expect: { refused: [[1, /^not a text file \(a PNG image\)/]] } },
  { name: 'conll: an empty file', files: { 'a.conll': '' }, format: 'conll', expect: { refused: [[1, /^empty file/]] } },
  { name: 'conll: NUL bytes on the first line', files: { 'a.conll': bytes('-DOCSTART-', [0, 0], '\n') }, format: 'conll', expect: { refused: [[1, /^not a text file/]] } },
  { name: 'conll: a clean file imports its spans exactly', files: { 'a.conll': CONLL }, format: 'conll', expect: { imported: { documents: 1, spans: ['PERSON:Kerry', 'PERSON:Michel'] } } },
)
// --- brat
for (const [what, b] of BAD_BYTES) {
  cases.push({ name: `brat: ${what} in the .txt`, files: { 'a.txt': bytes('Kerry met Mi', b, 'chel.\n'), 'a.ann': ANN }, format: 'brat', expect: { refused: [[1, /^not valid UTF-8/]] } })
  cases.push({ name: `brat: ${what} in the .ann note`, files: { 'a.txt': BRAT_TXT, 'a.ann': bytes(ANN, '#1\tAnnotatorNotes T1\tno', b, 'te\n') }, format: 'brat', errFile: 'a.ann', expect: { refused: [[3, /^not valid UTF-8/]] } })
}
cases.push(
  { name: 'brat: a PNG renamed .ann', files: { 'a.txt': BRAT_TXT, 'a.ann': PNG_HEAD }, format: 'brat', errFile: 'a.ann', expect: { refused: [[1, /^not a text file \(a PNG image\)/]] } },
  {
    name: 'brat: two T lines with the same type and offsets are two spans (as DKPro writes them)',
    files: { 'a.txt': BRAT_TXT, 'a.ann': 'T1\tPERSON 0 5\tKerry\nT2\tPERSON 0 5\tKerry\nT3\tPERSON 10 16\tMichel\n' },
    format: 'brat',
    expect: { imported: { documents: 1, spans: ['PERSON:Kerry', 'PERSON:Kerry', 'PERSON:Michel'] } },
  },
  {
    name: 'brat: same offsets and type, each with its own note, are two spans',
    files: { 'a.txt': BRAT_TXT, 'a.ann': 'T1\tPERSON 0 5\tKerry\nT2\tPERSON 0 5\tKerry\n#1\tAnnotatorNotes T1\tthe speaker\n#2\tAnnotatorNotes T2\tthe listener\n' },
    format: 'brat',
    expect: { imported: { documents: 1, spans: ['PERSON:Kerry', 'PERSON:Kerry'] } },
  },
)

describe('outsider catalogue: text formats', () => {
  it('has at least 40 named cases', () => expect(cases.length).toBeGreaterThanOrEqual(40))
  for (const c of cases) it(c.name, () => runCase(c), 60_000)
})
