import { afterEach, describe, expect, it } from 'vitest'
import { isEncodedReply } from '../../../../src/main/api/encodedReply'
import type { WireReply } from '../../../../src/main/api/encodedReply'
import { ApiWorkerHost } from '../../../../src/main/worker/apiWorkerHost'
import { tempStore } from '../../../helpers/tempWorkspace'

/**
 * ApiWorkerHost.wireCall, the HTTP transport's call: a success of a plain call
 * comes as the worker's JSON bytes (their buffer moved, not copied, across the
 * thread boundary), equal to what `call` answers; errors and the calls the host
 * answers or joins itself stay objects.
 */

const hosts: ApiWorkerHost[] = []
afterEach(async () => {
  await Promise.all(hosts.splice(0).map((h) => h.close()))
})

async function startHost() {
  const { store, file } = tempStore()
  store.close()
  const host = new ApiWorkerHost({ file, version: 'test', transport: 'http', openOptions: { rollingBackups: false } })
  hosts.push(host)
  await host.start()
  return host
}

const decoded = (r: WireReply) => (isEncodedReply(r) ? JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(r.encoded)) : null)

describe('ApiWorkerHost.wireCall', () => {
  it('answers a plain call with JSON bytes equal to the object reply', async () => {
    const host = await startHost()
    for (const [method, args] of [['app.info', {}], ['schema.list', {}], ['documents.counts', { annotator: 'x' }]] as const) {
      const wire = await host.wireCall(method, args)
      expect(isEncodedReply(wire), method).toBe(true)
      expect(decoded(wire)).toEqual(await host.call(method, args))
    }
  })

  it('keeps errors as objects (the transport reads their code), and the host-answered calls too', async () => {
    const host = await startHost()
    const unknown = await host.wireCall('no.such', {})
    expect(unknown).toMatchObject({ ok: false, error: { code: 'unknown_method' } })
    const bad = await host.wireCall('documents.get', { id: 'x' })
    expect(bad).toMatchObject({ ok: false, error: { code: 'bad_request' } })
    const missingJob = await host.wireCall('transfer.job', { id: 'nope-nope-nope' })
    expect(isEncodedReply(missingJob)).toBe(false)
    const team = await host.wireCall('team.state', {})
    expect(isEncodedReply(team)).toBe(false)
    expect(team).toMatchObject({ ok: true })
  })
})
