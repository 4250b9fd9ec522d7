import { describe, expect, it } from 'vitest'
import { laneOf } from '../../../../src/main/worker/lanes'
import { RestartBudget } from '../../../../src/main/worker/restartBudget'
import { tsxLoader } from '../../../../src/main/worker/workerEntry'

describe('laneOf', () => {
  it('long jobs and the calls about them go to the jobs worker; restore and settings reopen; the rest to main', () => {
    for (const m of ['transfer.import', 'transfer.export', 'transfer.job', 'transfer.cancel', 'review.agreement', 'review.changedSinceDone']) expect(laneOf(m), m).toBe('jobs')
    for (const m of ['workspace.restore', 'workspace.updateSettings']) expect(laneOf(m), m).toBe('reopen')
    // Team sync runs in its own worker, beside imports; the Team screen's state is read on the app's side (the host joins the sync's memory).
    for (const m of ['team.connect', 'team.disconnect', 'team.syncNow', 'team.autoSync', 'team.progress', 'team.documents', 'team.assign']) expect(laneOf(m), m).toBe('team')
    expect(laneOf('team.state')).toBe('main')
    for (const m of ['app.info', 'spans.create', 'transfer.preview', 'transfer.upload', 'no.such', 42, null]) expect(laneOf(m), String(m)).toBe('main')
  })
})

describe('RestartBudget', () => {
  it('allows max restarts per window, then again once the oldest is out of it', () => {
    const b = new RestartBudget(2, 1000)
    expect([b.allow(0), b.allow(10), b.allow(20)]).toEqual([true, true, false])
    expect(b.allow(1001)).toBe(true)
    expect(b.allow(1002)).toBe(false)
  })
})

describe('tsxLoader', () => {
  it('registers tsx before importing the entry, both as file URLs (spaces and all)', () => {
    const code = tsxLoader('/opt/my app/tsx/api.mjs', '/src/main/worker/apiWorker.ts')
    expect(code).toBe('import("file:///opt/my%20app/tsx/api.mjs").then((m) => { m.register(); return import("file:///src/main/worker/apiWorker.ts") })')
  })
})
