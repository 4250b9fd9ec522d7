import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import type { CliIo } from '../../../../src/main/cli/command'
import { main } from '../../../../src/main/cli/main'
import { makeFolder } from '../../../../src/main/store/makeFolder'
import { tempDir, tempStore } from '../../../helpers/tempWorkspace'

/**
 * Node 20's fs.mkdirSync(dir, { recursive: true }) loops for ever when a level cannot be made although its parent
 * exists: `export --out /proc/self/x/out.jsonl` (and XDG_CONFIG_HOME=/proc/self) spun at full CPU and never ended.
 * (Before the fix these calls never returned: checked through the CLI with `timeout 8`.)
 */
const hasProc = fs.existsSync('/proc/self')

describe('making folders', () => {
  it('makes every missing level, keeps existing ones, and refuses a file in the way', () => {
    const dir = tempDir()
    const deep = path.join(dir, 'new dir', 'ünï 東京', 'deep')
    makeFolder(deep, 0o700)
    expect(fs.statSync(deep).isDirectory()).toBe(true)
    expect(fs.statSync(path.join(dir, 'new dir')).mode & 0o777).toBe(0o700)
    makeFolder(deep)
    fs.writeFileSync(path.join(dir, 'file'), '')
    expect(() => makeFolder(path.join(dir, 'file', 'sub'))).toThrow(expect.objectContaining({ code: 'ENOTDIR' }))
  })

  it.runIf(hasProc)('fails at once where the system takes no folder, in the helper and through export and a first run', async () => {
    expect(() => makeFolder('/proc/self/spanwright-no/such')).toThrow(expect.objectContaining({ code: 'ENOENT' }))
    const { store, file } = tempStore()
    store.close()
    const errors: string[] = []
    const io: CliIo = { log: () => {}, error: (l) => errors.push(l) }
    expect(await main(['export', '--db', file, '--format', 'jsonl', '--out', '/proc/self/spanwright-no/out.jsonl'], io)).toBe(1)
    expect(errors).toEqual(['spanwright export: /proc/self/spanwright-no: could not make that folder there.'])
    for (const format of ['txt', 'webanno-tsv']) expect(await main(['export', '--db', file, '--format', format, '--out', '/proc/self/spanwright-no/out'], io)).toBe(1)
  })
})
