// An empty file is a fault of the whole file: printed `FILE: empty file …`, without the `:1:` it carried before
// (a file-level fault has no line since h54), and counted as an empty file in the failed import's head.
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { cliInProcess } from '../../../../helpers/cliInProcess'
import { tempStore } from '../../../../helpers/tempWorkspace'

describe('empty files', () => {
  it('the CLI names them without a line number: "import failed: 1 bad line of 2 read and 2 empty files"', async () => {
    const { file: db, dir } = tempStore()
    const a = path.join(dir, 'a.jsonl')
    const b = path.join(dir, 'b.txt')
    const c = path.join(dir, 'c.jsonl')
    fs.writeFileSync(a, '')
    fs.writeFileSync(b, ' \n\n')
    fs.writeFileSync(c, '{"id":"x","text":"ok"}\n{"id":\n')
    const run = await cliInProcess(['import', a, b, c, '--db', db])
    expect(run.code).toBe(1)
    expect(run.errors.join('\n')).toContain(
      [
        'import failed: 1 bad line of 2 read and 2 empty files; nothing was imported',
        `${a}: empty file (no records to import)`,
        `${b}: empty file (no text to import)`,
        `${c}:2: not valid JSON`,
      ].join('\n'),
    )
  })
})
