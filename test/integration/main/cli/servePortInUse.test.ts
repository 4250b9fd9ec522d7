import fs from 'node:fs'
import net from 'node:net'
import path from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { CliIo } from '../../../../src/main/cli/command'
import { main } from '../../../../src/main/cli/main'
import { tempDir, tempStore } from '../../../helpers/tempWorkspace'

afterEach(() => vi.unstubAllEnvs())

/**
 * `spanwright serve --port N` with N taken: it printed "listen EADDRINUSE: address already in use 127.0.0.1:N" and
 * then never exited, its API worker left running (seen through the CLI: killed by `timeout` after 8 s).
 * `--port 0x50` served on port 80 and `1e3` on 1000.
 */
describe('serve on a port another program holds', () => {
  it('says so in one sentence and returns 1 with its worker closed; odd port spellings are refused', async () => {
    const busy = net.createServer()
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve))
    const port = (busy.address() as net.AddressInfo).port
    // A stand-in build: serve only needs its index.html to exist.
    const out = tempDir()
    fs.mkdirSync(path.join(out, 'renderer'))
    fs.writeFileSync(path.join(out, 'renderer', 'index.html'), '<!doctype html>')
    vi.stubEnv('SPANWRIGHT_OUT', out)
    const { store, file } = tempStore()
    store.close()
    const errors: string[] = []
    const io: CliIo = { log: () => {}, error: (l) => errors.push(l) }
    try {
      expect(await main(['serve', '--db', file, '--port', String(port)], io)).toBe(1)
      expect(errors).toEqual([`spanwright serve: port ${port} on 127.0.0.1 is in use by another program; choose another --port (0 picks a free one)`])
      // The worker let the workspace go: a writer can open it at once.
      expect(fs.existsSync(`${file}.lock`)).toBe(false)
    } finally {
      busy.close()
    }
    for (const odd of ['0x50', '1e3', '1.5']) {
      const e: string[] = []
      expect(await main(['serve', '--db', file, '--port', odd], { log: () => {}, error: (l) => e.push(l) })).toBe(1)
      expect(e).toEqual([`spanwright serve: --port must be 0-65535, not ${odd}`])
    }
  })
})
