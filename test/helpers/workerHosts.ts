import { afterEach } from 'vitest'
import type { Reply } from '../../src/shared/api/errors'
import type { ApiWorkerHost } from '../../src/main/worker/apiWorkerHost'

/**
 * The worker hosts a test file starts: push each one into the returned list,
 * and it is closed after its test (disconnected from its team server first,
 * when asked, so no sync loop outlives the test).
 */
export function hostsClosedAfterEach(opts: { disconnectTeam?: boolean } = {}): ApiWorkerHost[] {
  const hosts: ApiWorkerHost[] = []
  afterEach(async () => {
    for (const h of hosts.splice(0)) {
      if (opts.disconnectTeam) await h.call('team.disconnect', {})
      await h.close()
    }
  })
  return hosts
}

/** A reply's value, or its error as a thrown Error naming the code. */
export function replyValue<T>(r: Reply<unknown>): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`)
  return r.value as T
}
