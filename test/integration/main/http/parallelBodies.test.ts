import net from 'node:net'
import { describe, expect, it } from 'vitest'
import { loopbackServer, serverHasRead } from './loopbackServer'

/**
 * Many large API bodies at once. Each is under the size limit, but every one
 * is held in memory, parsed on the main thread and copied to the API worker:
 * twelve 60 MB bodies of small objects sent together took the served process
 * to 7 GB and answered nothing (not even app.info) for over two minutes. The
 * server now holds at most twice the body limit at once; a body beyond that is
 * read and dropped, answered 503 'unavailable' with Retry-After once it is
 * all sent (not a reset mid-send), and the others go on.
 */

const MAX = 4096

interface Held {
  socket: net.Socket
  reply: Promise<string>
  /** The first part of the body is in the kernel. */
  written: Promise<void>
}

/** A POST whose headers and the first `sent` bytes of a `total`-byte body go out now; finish() sends the rest. */
function hold(port: number, token: string, total: number, sent: number): Held & { finish(): void } {
  const body = `{"name":"${'a'.repeat(total - 12)}"}`
  const socket = net.connect(port, '127.0.0.1')
  // The whole reply: its head and as many body bytes as it says (a refused client may still be sending).
  const reply = new Promise<string>((resolve) => {
    let got = ''
    const done = () => {
      const head = got.indexOf('\r\n\r\n')
      const length = /content-length: (\d+)/i.exec(got)
      return head >= 0 && length !== null && got.length >= head + 4 + Number(length[1])
    }
    socket.on('data', (d) => {
      got += d.toString('latin1')
      if (done()) resolve(got)
    })
    socket.on('close', () => resolve(got))
    socket.on('error', () => resolve(got))
  })
  const written = new Promise<void>((resolve) =>
    socket.write(
      `POST /api/session.setAnnotator HTTP/1.1\r\nhost: 127.0.0.1:${port}\r\nauthorization: Bearer ${token}\r\ncontent-length: ${body.length}\r\nconnection: close\r\n\r\n${body.slice(0, sent)}`,
      () => resolve(),
    ),
  )
  return { socket, reply, written, finish: () => socket.write(body.slice(sent)) }
}

const status = (raw: string) => Number(/^HTTP\/1\.1 (\d{3})/.exec(raw)?.[1] ?? 0)
const json = (raw: string) => JSON.parse(raw.slice(raw.indexOf('\r\n\r\n') + 4)) as { ok: boolean; error?: { code: string; message: string } }

describe('large API bodies in parallel', () => {
  const loopback = loopbackServer(MAX)

  it('reads at most twice the body limit at once: the next body gets 503 unavailable, the others are answered, and then room is free again', async () => {
    const a = hold(loopback.server.port, loopback.server.token, 4000, 3500)
    const b = hold(loopback.server.port, loopback.server.token, 4000, 3500)
    await serverHasRead([a.written, b.written])
    const c = hold(loopback.server.port, loopback.server.token, 4000, 3500)
    await serverHasRead([c.written])
    c.finish()
    const third = await c.reply
    c.socket.destroy()
    expect(status(third)).toBe(503)
    expect(third.toLowerCase()).toContain('retry-after:')
    expect(json(third).error?.code).toBe('unavailable')
    a.finish()
    b.finish()
    const answered = [await a.reply, await b.reply]
    a.socket.destroy()
    b.socket.destroy()
    for (const r of answered) {
      expect(status(r)).toBe(200)
      expect(json(r).error?.code).toBe('bad_request') // a 3988-character annotator name is refused by the method, not the server
    }
    await serverHasRead()
    const d = hold(loopback.server.port, loopback.server.token, 4000, 4000)
    expect(status(await d.reply)).toBe(200)
    d.socket.destroy()
  })

  it('a client that hangs up mid-body gives its room back', async () => {
    const gone = [hold(loopback.server.port, loopback.server.token, 4000, 3500), hold(loopback.server.port, loopback.server.token, 4000, 3500)]
    await serverHasRead(gone.map((g) => g.written))
    for (const g of gone) g.socket.destroy()
    await serverHasRead()
    const next = hold(loopback.server.port, loopback.server.token, 4000, 4000)
    expect(status(await next.reply)).toBe(200)
    next.socket.destroy()
  })
})
