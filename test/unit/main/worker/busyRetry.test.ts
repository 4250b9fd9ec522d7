import { describe, expect, it } from 'vitest'
import type { Reply } from '../../../../src/shared/api/errors'
import { BusyRetry, isBusyReply } from '../../../../src/main/worker/busyRetry'

const busy: Reply<unknown> = { ok: false, error: { code: 'unavailable', message: 'the workspace could not be written: busy', details: { sqlite: 'SQLITE_BUSY' } } }
const full: Reply<unknown> = { ok: false, error: { code: 'unavailable', message: 'the disk is full', details: { sqlite: 'SQLITE_FULL' } } }
const ok = (v: unknown): Reply<unknown> => ({ ok: true, value: v })

/** An attempt that is busy `n` times, then answers `value`; it records each try in `log`. */
function busyFor(n: number, value: string, log: string[]) {
  let left = n
  return async () => {
    log.push(value)
    return left-- > 0 ? busy : ok(value)
  }
}

describe('BusyRetry', () => {
  it('tells a busy reply (and its extended codes) from other failures', () => {
    expect(isBusyReply(busy)).toBe(true)
    expect(isBusyReply({ ok: false, error: { code: 'unavailable', message: '', details: { sqlite: 'SQLITE_BUSY_SNAPSHOT' } } })).toBe(true)
    expect(isBusyReply(full)).toBe(false)
    expect(isBusyReply(ok(1))).toBe(false)
    expect(isBusyReply({ ok: false, error: { code: 'internal', message: '', details: { sqlite: 'SQLITE_BUSY' } } })).toBe(false)
  })

  it('retries a busy call until it goes through; other replies pass at once', async () => {
    const r = new BusyRetry({ pausesMs: [1] })
    const log: string[] = []
    expect(await r.run(busyFor(3, 'a', log))).toEqual(ok('a'))
    expect(log).toEqual(['a', 'a', 'a', 'a'])
    expect(await r.run(async () => full)).toEqual(full)
  })

  it('busy calls go through in the order they came', async () => {
    const r = new BusyRetry({ pausesMs: [1] })
    const log: string[] = []
    const done: string[] = []
    const first = r.run(busyFor(5, 'first', log)).then(() => done.push('first'))
    const second = r.run(busyFor(1, 'second', log)).then(() => done.push('second'))
    await Promise.all([first, second])
    expect(done).toEqual(['first', 'second'])
  })

  it('gives the busy reply back once the deadline has passed', async () => {
    const r = new BusyRetry({ deadlineMs: 20, pausesMs: [2] })
    const log: string[] = []
    expect(await r.run(busyFor(Infinity, 'x', log))).toEqual(busy)
    expect(log.length).toBeGreaterThan(1)
  })
})
