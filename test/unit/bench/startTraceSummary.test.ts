import { describe, expect, it } from 'vitest'
import { summariseStartTrace } from '../../bench/startTraceSummary'
import type { TraceEvent } from '../../bench/startTraceSummary'

const MARK = 'spanwright:document-ready'
/** A complete event on the page's main thread (pid 1, tid 7), times in ms. */
const x = (name: string, at: number, dur: number, cpu = 0, extra: Partial<TraceEvent> = {}): TraceEvent => ({ name, ph: 'X', pid: 1, tid: 7, ts: at * 1000, dur: dur * 1000, tdur: cpu * 1000, ...extra })

describe('summariseStartTrace', () => {
  const events: TraceEvent[] = [
    // An earlier page's navigation and a task before this one's: not counted.
    { name: 'navigationStart', ph: 'R', pid: 1, tid: 7, ts: 0 },
    x('RunTask', 50, 10, 9),
    { name: 'navigationStart', ph: 'R', pid: 1, tid: 7, ts: 100_000 },
    x('RunTask', 100, 20, 12),
    x('DocumentLoader::CommitNavigation', 101, 15),
    x('RunTask', 130, 30, 8),
    x('EvaluateScript', 131, 28, 0, { args: { data: { url: 'http://127.0.0.1:1/assets/boot-abcdefgh.js' } } }),
    x('RunTask', 170, 60, 40),
    x('v8.evaluateModule', 171, 58, 40),
    x('RunTask', 240, 80, 50),
    x('RunMicrotasks', 241, 70, 41),
    x('Layout', 315, 4, 4),
    // The editor's code evaluated, then the first render's promise jobs, in one task.
    x('RunTask', 321, 8, 7),
    x('v8.evaluateModule', 321, 3, 2),
    x('RunMicrotasks', 324, 4, 4),
    // The mark's task; a task of another thread or process is not the page's main thread.
    { name: MARK, ph: 'R', pid: 1, tid: 7, ts: 330_000 },
    x('RunTask', 250, 50, 30, { tid: 8 }),
    x('RunTask', 250, 50, 30, { pid: 2 }),
    // After the mark: not counted.
    x('RunTask', 400, 10, 10),
    x('Paint', 401, 5),
  ]

  it('counts the main thread\'s tasks from this navigation to the mark, by phase', () => {
    const t = summariseStartTrace(events, MARK)
    expect(t.wallMs).toBe(230)
    expect(t.mainCpuMs).toBe(12 + 8 + 40 + 50 + 7)
    expect(t.phasesMs).toEqual({
      'navigation and HTML': 12,
      'boot script': 8,
      'app scripts (module evaluation)': 40 + 2,
      'promise jobs (first render, editor)': 41 + 4,
      'callbacks and events': 0,
      'style, layout, paint': 9,
      other: 1,
    })
  })

  it('says so when the trace has no mark', () => {
    expect(() => summariseStartTrace(events.filter((e) => e.name !== MARK), MARK)).toThrow(/no spanwright:document-ready/)
  })
})
