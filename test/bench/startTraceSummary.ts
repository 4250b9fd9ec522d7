// The start's main-thread work, from a Chromium trace (CDP Tracing through playwright-core): how much CPU the page's
// main thread spent between navigation and a mark, and on what. Thread time, not wall time: on a shared machine
// (load average 17-25 beside other engineers' tests) one build served twice measured wall-clock medians of 1383 and
// 1674 ms in the same run, and main-thread CPU medians of 246 and 244 ms. Tracing costs the page some CPU itself, so
// these opens are extra to the timed ones, and their figures are compared only with each other (builds traced alike).
// Pure (the summary of a trace's events); startTrace.ts records one.
export interface TraceEvent {
  name: string
  ph: string
  pid: number
  tid: number
  ts: number
  dur?: number
  /** Thread (CPU) time of a complete event, in µs. */
  tdur?: number
  args?: { data?: { url?: string } }
}

/** Where a main-thread task's time went, named by the first event inside it that says what it ran. */
export type StartPhase = 'navigation and HTML' | 'boot script' | 'app scripts (module evaluation)' | 'promise jobs (first render, editor)' | 'callbacks and events' | 'style, layout, paint' | 'other'

export interface StartTrace {
  /** navigationStart -> the mark, as the trace saw it. */
  wallMs: number
  /** The main thread's CPU time in its tasks between the two. */
  mainCpuMs: number
  phasesMs: Record<StartPhase, number>
}

/** The trace categories the summary reads (light ones: the compile categories cost the page far more CPU). */
export const START_TRACE_CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing', 'toplevel', 'v8.execute']

function phaseOf(inside: TraceEvent[]): StartPhase {
  const has = (re: RegExp) => inside.find((e) => re.test(e.name))
  const script = has(/^EvaluateScript$/)
  if (script) return /\/boot-[^/]*\.js$/.test(script.args?.data?.url ?? '') ? 'boot script' : 'other'
  if (has(/^v8\.evaluateModule$/)) return 'app scripts (module evaluation)'
  if (has(/CommitNavigation|^ParseHTML$/)) return 'navigation and HTML'
  if (has(/^RunMicrotasks$/)) return 'promise jobs (first render, editor)'
  if (has(/^(FunctionCall|TimerFire|FireAnimationFrame|EventDispatch|v8\.callFunction)$/)) return 'callbacks and events'
  if (has(/UpdateLifecycle|BeginMainFrame|^Paint$|^Layout$|^UpdateLayoutTree$/)) return 'style, layout, paint'
  return 'other'
}

/** Sums the main thread's top-level tasks from the navigation to `mark` (the renderer and thread that set the mark). */
export function summariseStartTrace(events: TraceEvent[], mark: string): StartTrace {
  const at = events.find((e) => e.name === mark)
  if (!at) throw new Error(`the trace has no ${mark}`)
  const nav = events
    .filter((e) => e.name === 'navigationStart' && e.pid === at.pid && e.ts <= at.ts)
    .reduce((latest, e) => Math.max(latest, e.ts), Number.NEGATIVE_INFINITY)
  if (!Number.isFinite(nav)) throw new Error('the trace has no navigationStart before the mark')
  const main = events.filter((e) => e.pid === at.pid && e.tid === at.tid && e.ph === 'X' && e.dur !== undefined && e.ts + e.dur >= nav && e.ts <= at.ts)
  const phasesMs: Record<StartPhase, number> = {
    'navigation and HTML': 0,
    'boot script': 0,
    'app scripts (module evaluation)': 0,
    'promise jobs (first render, editor)': 0,
    'callbacks and events': 0,
    'style, layout, paint': 0,
    other: 0,
  }
  let cpu = 0
  const within = (outer: TraceEvent, e: TraceEvent) => e !== outer && e.ts >= outer.ts && e.ts + e.dur! <= outer.ts + outer.dur!
  for (const task of main.filter((e) => e.name === 'RunTask')) {
    const inside = main.filter((e) => within(task, e))
    const ms = (task.tdur ?? 0) / 1000
    cpu += ms
    // A module's evaluation and the promise jobs run after it in the same task (React's first render once the editor's
    // code has run) are counted apart: their own CPU to their phases, the rest of the task by what else it ran.
    const modules = inside.filter((e) => e.name === 'v8.evaluateModule' && !inside.some((o) => o.name === 'v8.evaluateModule' && within(o, e)))
    const jobs = inside.filter((e) => e.name === 'RunMicrotasks' && !inside.some((o) => /^(v8\.evaluateModule|RunMicrotasks)$/.test(o.name) && within(o, e)))
    const moduleMs = modules.reduce((n, e) => n + (e.tdur ?? 0) / 1000, 0)
    const jobsMs = jobs.reduce((n, e) => n + (e.tdur ?? 0) / 1000, 0)
    phasesMs['app scripts (module evaluation)'] += moduleMs
    phasesMs['promise jobs (first render, editor)'] += jobsMs
    const rest = inside.filter((e) => !modules.some((m) => e === m || within(m, e)) && !jobs.some((j) => e === j || within(j, e)))
    phasesMs[phaseOf(rest)] += Math.max(0, ms - moduleMs - jobsMs)
  }
  return { wallMs: (at.ts - nav) / 1000, mainCpuMs: cpu, phasesMs }
}

