// An export into a read-only folder fails opening its temporary `OUT.partial-<pid>`. The message named that file
// ("/data/ro/x.conll.partial-19012: could not use it: permission to write there was denied."), which the user
// never typed; it now names --out and says the write was refused. The error objects have Node's fields (a test
// run as root cannot be refused a write, so the refusal is built as fs.openSync throws it).
import { describe, expect, it } from 'vitest'
import { plainMessage } from '../../../../src/main/cli/main'

const refusal = (code: string, syscall: string, p: string): NodeJS.ErrnoException =>
  Object.assign(new Error(`${code}: failed, ${syscall} '${p}'`), { code, syscall, path: p, errno: -13 })

describe('a refused export names --out, not its temporary file', () => {
  it.each([
    ['EACCES', 'open', '/data/ro/x.conll.partial-19012', '/data/ro/x.conll: could not write there: permission to write there was denied.'],
    ['EROFS', 'open', '/media/cd/x.spacy.partial-7', '/media/cd/x.spacy: could not write there: the disk or folder is read-only.'],
    ['EACCES', 'mkdir', '/data/ro/brat-out.partial-19023', '/data/ro/brat-out: could not write there: permission to write there was denied.'],
  ])('%s on %s %s', (code, syscall, p, message) => {
    expect(plainMessage(refusal(code, syscall, p))).toBe(message)
  })

  it('a path that merely contains ".partial-" elsewhere is shown whole', () => {
    expect(plainMessage(refusal('EACCES', 'open', '/data/a.partial-1/x.conll'))).toBe('/data/a.partial-1/x.conll: could not use it: permission to write there was denied.')
  })
})
