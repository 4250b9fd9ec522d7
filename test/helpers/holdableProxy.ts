import net from 'node:net'

/**
 * A TCP relay on 127.0.0.1 in front of a server, which a test can hold: while
 * held, nothing the server sends reaches the clients (it waits in the relay),
 * as on a network that has stalled. A client waiting on the server is then
 * held at a known point, for as long as the test needs, without a clock.
 */
export interface HoldableProxy {
  port: number
  hold(): void
  /** Holds by itself once the server has sent this many more bytes (through any connection); resolves then. */
  holdAfter(bytes: number): Promise<void>
  release(): void
  close(): Promise<void>
}

export async function holdableProxy(targetPort: number): Promise<HoldableProxy> {
  // Each server-side socket and the client it relays to: held means unpiped and paused (a pipe resumes a source on the
  // destination's 'drain', so pause() alone would not hold).
  const upstreams = new Map<net.Socket, net.Socket>()
  const sockets = new Set<net.Socket>()
  let held = false
  let armed: { left: number; done: () => void } | null = null
  const holdAll = () => {
    held = true
    for (const [u, c] of upstreams) {
      u.unpipe(c)
      u.pause()
    }
  }
  const server = net.createServer((client) => {
    const upstream = net.connect(targetPort, '127.0.0.1')
    for (const s of [client, upstream]) {
      sockets.add(s)
      s.on('error', () => undefined)
      s.on('close', () => sockets.delete(s))
    }
    upstreams.set(upstream, client)
    upstream.on('data', (chunk: Buffer) => {
      if (!armed) return
      armed.left -= chunk.length
      if (armed.left > 0) return
      const { done } = armed
      armed = null
      holdAll()
      done()
    })
    upstream.on('close', () => upstreams.delete(upstream))
    client.pipe(upstream)
    if (held) upstream.pause()
    else upstream.pipe(client)
    client.on('close', () => upstream.destroy())
    upstream.on('close', () => client.destroy())
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    port: (server.address() as net.AddressInfo).port,
    hold: holdAll,
    holdAfter(bytes) {
      return new Promise<void>((done) => (armed = { left: bytes, done }))
    },
    release() {
      held = false
      for (const [u, c] of upstreams) u.pipe(c)
    },
    async close() {
      for (const s of sockets) s.destroy()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
