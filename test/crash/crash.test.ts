import { describe, expect, it } from 'vitest'
import { runCrashTest } from './crashHarness'

describe('crash safety: SIGKILL at random moments while writing', () => {
  it('20 cycles: integrity ok, no foreign key violations, no acknowledged item lost, batches whole or absent', async () => {
    const r = await runCrashTest({ cycles: 20, seed: Number(process.env.SPANWRIGHT_CRASH_SEED ?? 20) })
    console.log(JSON.stringify({ cycles: r.cycles, itemsAcknowledged: r.itemsAcknowledged, lost: r.lost, ...r.acknowledged, durationMs: r.durationMs }))
    expect(r.problems).toEqual([])
    expect(r.cycles).toBe(20)
    expect(r.lost).toBe(0)
    expect(r.integrityFailures).toBe(0)
    expect(r.foreignKeyViolations).toBe(0)
    expect(r.partialBatches).toBe(0)
    // The run must actually have exercised every kind of write, or it proves nothing.
    expect(r.acknowledged.spans).toBeGreaterThan(20)
    expect(r.acknowledged.relations).toBeGreaterThan(0)
    expect(r.acknowledged.batches).toBeGreaterThan(0)
    expect(r.acknowledged.deletes).toBeGreaterThan(0)
    expect(r.acknowledged.checkpoints).toBeGreaterThan(0)
  }, 120_000)
})
