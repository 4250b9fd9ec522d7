import { describe, expect, it } from 'vitest'
import { encodeReply, isEncodedReply } from '../../../../src/main/api/encodedReply'

describe('encodeReply', () => {
  it('writes a success as UTF-8 JSON, in a buffer of its own (transferable)', () => {
    const reply = { ok: true as const, value: { text: 'Zoë 🎉 תל אביב', lone: '\ud800', n: [1, 2.5, null] } }
    const wire = encodeReply(reply)
    if (!isEncodedReply(wire)) throw new Error('expected bytes')
    expect(new TextDecoder('utf-8', { fatal: true }).decode(wire.encoded)).toBe(JSON.stringify(reply))
    expect(wire.encoded.byteOffset).toBe(0)
    expect(wire.encoded.buffer.byteLength).toBe(wire.encoded.byteLength)
    // A lone surrogate is escaped by JSON.stringify, so nothing is replaced on the way.
    expect(JSON.parse(new TextDecoder().decode(wire.encoded)).value.lone).toBe('\ud800')
    // Moving the buffer to another thread detaches it here: it was never shared with Node's pool.
    const { port1, port2 } = new MessageChannel()
    port1.postMessage(wire.encoded, [wire.encoded.buffer as ArrayBuffer])
    expect(wire.encoded.byteLength).toBe(0)
    port1.close()
    port2.close()
  })

  it('leaves an error reply as it is', () => {
    const reply = { ok: false as const, error: { code: 'not_found' as const, message: 'no such document' } }
    expect(encodeReply(reply)).toBe(reply)
  })

  it('answers a value JSON cannot write with an internal error reply, not a throw', () => {
    const cyclic: Record<string, unknown> = {}
    cyclic.self = cyclic
    for (const value of [{ big: 10n }, cyclic]) {
      const wire = encodeReply({ ok: true, value })
      expect(wire).toMatchObject({ ok: false, error: { code: 'internal' } })
    }
  })
})
