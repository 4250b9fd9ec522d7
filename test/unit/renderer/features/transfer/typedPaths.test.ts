// The import dialog's "paths on the computer running Spanwright" box takes what people paste: Windows Explorer's
// "Copy as path" wraps a path in double quotes, a shell user quotes a path with spaces in single quotes, and a
// file manager's copied file is a file:// URI with %20 for a space. Each was sent as it was typed and refused as
// "no such file or folder".
import { describe, expect, it } from 'vitest'
import { typedPaths } from '../../../../../src/renderer/features/transfer/typedPaths'

describe('typedPaths', () => {
  it('one path a line, trimmed, blank lines dropped', () => {
    expect(typedPaths('  /data/a.jsonl \n\n/data/b folder\r\n')).toEqual(['/data/a.jsonl', '/data/b folder'])
  })

  it('takes off quotes around a whole path, as Explorer and shells write them', () => {
    expect(typedPaths('"C:\\Users\\ana\\my corpus\\a.jsonl"\n\'/data/my corpus/b.conll\'')).toEqual(['C:\\Users\\ana\\my corpus\\a.jsonl', '/data/my corpus/b.conll'])
  })

  it('reads a file:// URI as its path', () => {
    expect(typedPaths('file:///home/ana/my%20corpus/L%C3%BCttich.jsonl')).toEqual(['/home/ana/my corpus/Lüttich.jsonl'])
    expect(typedPaths('file://localhost/data/a.jsonl')).toEqual(['/data/a.jsonl'])
  })

  it('leaves a quote inside a name, an unmatched quote and a broken escape as they are', () => {
    expect(typedPaths("/data/o'brien.txt\n\"/data/half.txt\nfile:///data/100%.txt")).toEqual(["/data/o'brien.txt", '"/data/half.txt', 'file:///data/100%.txt'])
  })
})
