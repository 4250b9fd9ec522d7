import { describe, expect, it } from 'vitest'
import type { JobStatus } from '../../../../src/shared/api/methods/transfer'
import { JobMirror } from '../../../../src/main/worker/jobMirror'
import { StopBoard } from '../../../../src/main/worker/stopBoard'

const job = (id: string, state: JobStatus['state'] = 'running'): JobStatus => ({
  id,
  kind: 'import',
  state,
  phase: 'write',
  done: 5,
  total: 10,
  rejected: 0,
  file: 'a.jsonl',
  startedAt: '2026-12-06T00:00:00.000Z',
  finishedAt: null,
  importReport: null,
  exportReport: null,
  error: null,
  downloads: [],
})

describe('StopBoard', () => {
  it('a stop reaches only the call it names, across views of the same memory (as the worker sees it)', () => {
    const host = new StopBoard()
    const worker = new StopBoard(host.buffer)
    host.requestStop(7)
    expect(worker.stopRequested(7)).toBe(true)
    expect(worker.stopRequested(8)).toBe(false)
    // A later call on the same slot (7 + 64) is not stopped by the old request.
    expect(worker.stopRequested(7 + 64)).toBe(false)
  })

  it('progress is read back only for the call that wrote it', () => {
    const host = new StopBoard()
    const worker = new StopBoard(host.buffer)
    expect(host.progressOf(3)).toBeNull()
    worker.report(3, 120, 20_000)
    expect(host.progressOf(3)).toEqual({ done: 120, total: 20_000 })
    worker.report(3 + 64, 1, null)
    expect(host.progressOf(3)).toBeNull()
    expect(host.progressOf(3 + 64)).toEqual({ done: 1, total: null })
  })
})

describe('JobMirror', () => {
  it('answers a job it was told of, and knows the call that runs it until it settles', () => {
    const m = new JobMirror()
    expect(m.status('a')).toBeNull()
    m.update(job('a'), 4)
    expect(m.status('a')?.done).toBe(5)
    expect(m.runningCall('a')).toBe(4)
    m.update(job('a', 'cancelled'), 4)
    expect(m.runningCall('a')).toBeNull()
    expect(m.status('a')?.state).toBe('cancelled')
  })

  it('a lost worker fails its running jobs in plain words and leaves finished ones alone', () => {
    const m = new JobMirror()
    m.update(job('a'), 1)
    m.update(job('b', 'done'), 2)
    m.workerLost('the workspace worker stopped (exit code 1)')
    expect(m.status('a')?.state).toBe('failed')
    expect(m.status('a')?.error?.message).toBe('the workspace worker stopped (exit code 1) before this import finished (an unfinished import writes nothing). Try again.')
    expect(m.status('b')?.state).toBe('done')
  })

  it('keeps the last 50 finished jobs', () => {
    const m = new JobMirror()
    for (let i = 0; i < 60; i++) m.update(job(`j${i}`, 'done'), i)
    expect(m.status('j9')).toBeNull()
    expect(m.status('j10')?.state).toBe('done')
    expect(m.status('j59')?.state).toBe('done')
  })
})
