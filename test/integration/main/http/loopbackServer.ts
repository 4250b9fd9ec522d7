import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll } from 'vitest'
import { createHandlers } from '../../../../src/main/api/handlerTable'
import { startHttpServer } from '../../../../src/main/http/httpServer'
import type { RunningServer } from '../../../../src/main/http/httpServer'
import { tempDir, tempStore } from '../../../helpers/tempWorkspace'

/**
 * The loopback HTTP adapter on a fresh workspace and a one-page static
 * folder, for a describe block: started before its tests, closed after them.
 */
export function loopbackServer(maxBodyBytes: number): { readonly server: RunningServer } {
  const staticDir = tempDir()
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Spanwright</title>')
  const { store } = tempStore()
  let running: RunningServer | null = null
  beforeAll(async () => {
    running = await startHttpServer({ handlers: createHandlers({ store, version: 't', transport: 'http' }), staticDir, port: 0, maxBodyBytes })
  })
  afterAll(() => running?.close())
  return {
    get server() {
      if (!running) throw new Error('the loopback server is not started yet (use it inside a test)')
      return running
    },
  }
}

/**
 * Resolves once what these client sockets wrote has been read by the server running in this process: each write has
 * reached the kernel (its callback), then a few turns of the event loop, each with a poll phase in which the server
 * accepts the connection, reads the request and counts its body (or sees a hang-up and gives its room back). A
 * wall-clock pause could end, on a starved CPU, in the first turn after the process resumes, before that poll phase.
 */
export async function serverHasRead(written: Promise<void>[] = []): Promise<void> {
  await Promise.all(written)
  for (let i = 0; i < 6; i++) await new Promise((resolve) => setImmediate(resolve))
}
