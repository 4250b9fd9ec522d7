// A brat corpus checked out on Windows (git's core.autocrlf) or saved by a Windows editor has CRLF line ends in its
// .txt files, while the .ann offsets still count the LF text brat annotated. In an outsider's run, news-tutorial so
// converted failed with 21 lines like `T1: text "Citibank" does not match the document text "\n1 ) Cit"` and no
// word of why; now each such document is one fault that names the cause and the cure.
import { describe, expect, it } from 'vitest'
import { formatLineError } from '../../../../../src/shared/formats/importRecord'
import { decodeBratDocument } from '../../../../../src/shared/formats/brat/decodeBratDocument'

const ctx = { file: 'doc.ann', externalId: 'doc' }
const LF = 'Title\nKerry met Michel\nin Brussels.\n'
const ANN = 'T1\tPerson 6 11\tKerry\nT2\tPerson 16 22\tMichel\nT3\tGPE 26 34\tBrussels\nR1\tPART_OF Arg1:T1 Arg2:T2\n'

describe('a brat .txt with CRLF line ends whose .ann counts LF ones', () => {
  it('is one fault of the file naming the line ends and dos2unix, not a fault per line', () => {
    const { record, errors } = decodeBratDocument(LF.replace(/\n/g, '\r\n'), ANN, ctx)
    expect(record).toBeNull()
    expect(errors.map(formatLineError)).toEqual([
      'doc.ann: the .txt has Windows line ends (CRLF), but the offsets of this .ann count each line end as one character, as in the text brat annotated (git\'s core.autocrlf or a Windows editor converts them): convert the .txt back to LF line ends (dos2unix) and import again',
    ])
  })

  it('a .ann whose offsets count the CRLF text imports as before', () => {
    const crlf = LF.replace(/\n/g, '\r\n')
    const ann = 'T1\tPerson 7 12\tKerry\nT2\tGPE 28 36\tBrussels\n'
    const { record, errors } = decodeBratDocument(crlf, ann, ctx)
    expect(errors).toEqual([])
    expect(record!.spans.map((s) => crlf.slice(s.start, s.end))).toEqual(['Kerry', 'Brussels'])
  })

  it('offsets that fit neither text keep their own faults, line by line', () => {
    const { errors } = decodeBratDocument(LF.replace(/\n/g, '\r\n'), 'T1\tPerson 0 5\tKerry\n', ctx)
    expect(errors.map(formatLineError)).toEqual(['doc.ann:1: T1: text "Kerry" does not match the document text "Title" at 0 5'])
  })
})
