import { describe, expect, it } from 'vitest'
import { EditQueue } from '../../../../../src/renderer/features/annotate/editQueue'
import type { PendingEdit } from '../../../../../src/renderer/features/annotate/editQueue'
import { isRefusal } from '../../../../../src/renderer/features/annotate/saveRetry'

/** An error shaped like the client's ApiCallError. */
const reply = (code: string, message: string) => Object.assign(new Error(message), { error: { code, message } })

describe('EditQueue', () => {
  it('saves edits in the order they were made, even when an earlier one has to retry', async () => {
    const log: string[] = []
    const seen: (readonly PendingEdit[])[] = []
    const q = new EditQueue((e) => seen.push(e), () => 10)
    let failures = 2
    const first = q.run('changing the note', 'span:1', async () => {
      if (failures-- > 0) throw reply('unavailable', 'the workspace could not be written: the disk is full')
      log.push('note')
      return 'a'
    })
    const second = q.run('deleting PERSON “Kerry”', 'span:1', async () => {
      log.push('delete')
      return 'b'
    })
    expect(q.pending.map((e) => e.target)).toEqual(['span:1', 'span:1'])
    expect(await Promise.all([first, second])).toEqual(['a', 'b'])
    expect(log).toEqual(['note', 'delete'])
    await Promise.resolve()
    expect(q.pending).toEqual([])
    // While retrying, the edit said why.
    expect(seen.some((s) => s[0]?.problem === 'the workspace could not be written: the disk is full' && s[0].retryInS === 0.01)).toBe(true)
  })

  it('a refusal rejects that edit only, is not retried, and the next edit still runs', async () => {
    let calls = 0
    const q = new EditQueue(() => undefined, () => 5)
    const refused = q.run('linking', 'relation:-1', async () => {
      calls++
      throw reply('bad_request', 'no relation type allows PERSON → PERSON')
    })
    const next = q.run('changing the note', 'span:2', async () => 'ok')
    await expect(refused).rejects.toThrow('no relation type allows')
    expect(await next).toBe('ok')
    expect(calls).toBe(1)
    expect(q.pending).toEqual([])
  })

  it('retries transport failures, internal and unavailable replies; refuses the rest', () => {
    expect(isRefusal(new TypeError('Failed to fetch'))).toBe(false)
    expect(isRefusal(reply('internal', 'x'))).toBe(false)
    expect(isRefusal(reply('unavailable', 'x'))).toBe(false)
    expect(isRefusal(reply('not_found', 'x'))).toBe(true)
    expect(isRefusal(reply('conflict', 'x'))).toBe(true)
  })
})
