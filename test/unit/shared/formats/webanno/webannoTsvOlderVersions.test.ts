// WebAnno 1.x/2.x TSV (WebannoTsv2Writer: no #FORMAT line, a " # <type> | <feature>" header, #id=/#text= per sentence)
// is laid out unlike TSV 3 and is not read. It was refused as "cannot tell the file's format" (or, with --format,
// 'expected "#FORMAT=WebAnno TSV 3.x"'), which does not say what the file is or what to do.
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { detectFormat, sniffFormat } from '../../../../../src/shared/formats/registry'
import { streamCodec } from '../../../../../src/shared/formats/registry'
import { REPO_ROOT } from '../../../../helpers/tempWorkspace'
import { decodeAll, errors } from '../formatTestUtil'

const FILE = fs.readFileSync(path.join(REPO_ROOT, 'test', 'fixtures', 'peers', 'webanno-tsv-older', 'webanno2_tsv2writer_layout.tsv'), 'utf8')
const NAMED = /^WebAnno TSV 1\/2 \(WebAnno 1\.x or 2\.x.*only WebAnno TSV 3\.x is read \(open the project in WebAnno 3 or INCEpTION/u

describe('WebAnno TSV 1/2', () => {
  it('is named by its version on detection, and with --format webanno-tsv', () => {
    expect(detectFormat('doc.tsv', FILE)).toBeNull()
    const sniffed = sniffFormat('doc.tsv', FILE)
    expect(sniffed.format).toBeNull()
    expect(sniffed.format === null && sniffed.reason).toMatch(NAMED)
    const errs = errors(decodeAll(streamCodec('webanno-tsv'), FILE, 'utf16', 'doc.tsv'))
    expect(errs.map((e) => e.line)).toEqual([1])
    expect(errs[0].reason.replace(/^not a WebAnno TSV 3 file: /u, '')).toMatch(NAMED)
  })

  it('a TSV 3 file and a CoNLL .tsv are not taken for one', () => {
    expect(detectFormat('a.tsv', '#FORMAT=WebAnno TSV 3.3\n#T_SP=webanno.custom.X|v\n\n\n#Text=a\n1-1\t0-1\ta\t_\t\n')).toBe('webanno-tsv')
    expect(detectFormat('a.tsv', 'John\tB-PER\nlives\tO\n')).toBe('conll')
  })
})
