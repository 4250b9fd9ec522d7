// WebAnno 1.x/2.x TSV (WebannoTsv2Writer: no #FORMAT line, a " # <type> | <feature>" header, #id=/#text= per sentence)
// was refused ("WebAnno TSV 1/2 (…): only WebAnno TSV 3.x is read"), detected or with --format webanno-tsv. It is now
// read by the webanno-tsv format (decodeTsv2.ts); a #FORMAT line of another version is still named and refused.
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { detectFormat, sniffFormat, streamCodec } from '../../../../../src/shared/formats/registry'
import { REPO_ROOT } from '../../../../helpers/tempWorkspace'
import { decodeAll, errors, records } from '../formatTestUtil'

const FILE = fs.readFileSync(path.join(REPO_ROOT, 'test', 'fixtures', 'peers', 'webanno-tsv-older', 'webanno2_tsv2writer_layout.tsv'), 'utf8')

describe('WebAnno TSV 1/2', () => {
  it('is detected as webanno-tsv (by its header, or by #id= then #text=) and read, not refused', () => {
    expect(sniffFormat('doc.tsv', FILE)).toEqual({ format: 'webanno-tsv' })
    expect(detectFormat('doc.txt.tsv', FILE.slice(FILE.indexOf('\n') + 1))).toBe('webanno-tsv')
    const items = decodeAll(streamCodec('webanno-tsv'), FILE, 'utf16', 'doc.tsv')
    expect(errors(items)).toEqual([])
    expect(records(items).map((r) => r.spans.map((s) => r.text.slice(s.start, s.end)))).toEqual([['Haag', 'Elianne', 'Paris']])
  })

  it('a TSV 3 file and a CoNLL .tsv are not taken for one; another #FORMAT version is still refused', () => {
    expect(detectFormat('a.tsv', '#FORMAT=WebAnno TSV 3.3\n#T_SP=webanno.custom.X|v\n\n\n#Text=a\n1-1\t0-1\ta\t_\t\n')).toBe('webanno-tsv')
    expect(detectFormat('a.tsv', 'John\tB-PER\nlives\tO\n')).toBe('conll')
    const other = sniffFormat('a.tsv', '#FORMAT=WebAnno TSV 4.0\n')
    expect(other.format === null && other.reason).toMatch(/only WebAnno TSV 3\.x is read, and TSV 1\/2 without a #FORMAT line/u)
  })
})
