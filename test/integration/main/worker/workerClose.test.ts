import { describe, expect, it } from 'vitest'
import { ApiWorkerHost } from '../../../../src/main/worker/apiWorkerHost'
import { tempStore } from '../../../helpers/tempWorkspace'

/**
 * Closing the API workers leaves nothing behind that keeps the process alive: `spanwright serve` stopped
 * with Ctrl+C or SIGTERM exits once its workspace is closed (a give-up timer left running held it 5 s).
 */
const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length

describe('closing the API workers', () => {
  it('leaves no timer running and no worker thread', async () => {
    const { store, file } = tempStore()
    store.close()
    const host = new ApiWorkerHost({ file, version: 'test', transport: 'http', openOptions: { rollingBackups: false } })
    await host.start()
    const info = await host.call('app.info', {})
    expect(info.ok).toBe(true)
    const before = timers()
    await host.close()
    expect(timers()).toBeLessThanOrEqual(before)
    expect(process.getActiveResourcesInfo().filter((r) => r === 'Worker')).toEqual([])
  })
})
