// Records one start's trace (CDP Tracing through playwright-core) and summarises its main thread (startTraceSummary.ts).
import type { BrowserContext } from 'playwright-core'
import { START_TRACE_CATEGORIES, summariseStartTrace } from './startTraceSummary'
import type { StartTrace, TraceEvent } from './startTraceSummary'

/**
 * Opens `url` in a fresh tab of `ctx` with tracing on, waits for `mark` (told by the page's console, as the bench's
 * init script reports it: the page is not polled), and summarises the trace.
 */
export async function traceStart(ctx: BrowserContext, url: string, mark: string): Promise<StartTrace> {
  const page = await ctx.newPage()
  const cdp = await ctx.newCDPSession(page)
  const events: TraceEvent[] = []
  const complete = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()))
  cdp.on('Tracing.dataCollected', (e) => events.push(...(e.value as unknown as TraceEvent[])))
  await cdp.send('Tracing.start', { transferMode: 'ReportEvents', traceConfig: { includedCategories: START_TRACE_CATEGORIES } })
  const fired = page.waitForEvent('console', { predicate: (m) => m.text() === `bench-mark ${mark}`, timeout: 60_000 })
  await page.goto(url)
  await fired
  await cdp.send('Tracing.end')
  await complete
  await page.close()
  return summariseStartTrace(events, mark)
}
