import { spawn } from 'node:child_process'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { REPO_ROOT, tempStore } from '../../../helpers/tempWorkspace'

/**
 * `spanwright restore --list | head -1`: once the reader has gone, the next line written met EPIPE, and Node printed
 * "Unhandled 'error' event … Error: write EPIPE" with a stack trace. The reader here closes its end before the
 * command writes anything.
 */
describe('the CLI writing into a closed pipe', () => {
  it('stops quietly, without a stack trace', async () => {
    const { store, file } = tempStore()
    store.close()
    const child = spawn(process.execPath, [path.join(REPO_ROOT, 'bin', 'spanwright.mjs'), 'agreement', '--db', file], { stdio: ['ignore', 'pipe', 'pipe'] })
    child.stdout.destroy()
    let stderr = ''
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve))
    expect(stderr).toBe('')
    expect(code).toBe(0)
  })
})
