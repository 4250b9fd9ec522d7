import { describe, expect, it } from 'vitest'
import { whenShownAgain } from '../../../../src/renderer/components/whenShownAgain'

/** A page's document and window as event targets, with a visibility the test sets. */
function page() {
  const doc = Object.assign(new EventTarget(), { visibilityState: 'visible' as DocumentVisibilityState })
  const win = new EventTarget()
  return { doc, win, targets: { doc, win } as unknown as Parameters<typeof whenShownAgain>[1] }
}

/** An ask the test answers: each call waits until the test lets it end. */
function heldAsk() {
  const calls: (() => void)[] = []
  return { calls, ask: () => new Promise<void>((resolve) => calls.push(resolve)) }
}

const settle = () => new Promise((r) => setTimeout(r, 0))

describe('whenShownAgain', () => {
  it('asks when the page is shown again or focused, not while it is hidden', async () => {
    const { doc, win, targets } = page()
    const { calls, ask } = heldAsk()
    whenShownAgain(ask, targets)
    doc.visibilityState = 'hidden'
    doc.dispatchEvent(new Event('visibilitychange'))
    expect(calls).toHaveLength(0)
    doc.visibilityState = 'visible'
    doc.dispatchEvent(new Event('visibilitychange'))
    expect(calls).toHaveLength(1)
    calls[0]()
    await settle()
    win.dispatchEvent(new Event('focus'))
    expect(calls).toHaveLength(2)
  })

  it('shown again while an ask is out: one more ask once it ends, not one per event, never two at once', async () => {
    const { doc, win, targets } = page()
    const { calls, ask } = heldAsk()
    whenShownAgain(ask, targets)
    win.dispatchEvent(new Event('focus'))
    // The data changes, and the page is shown again, while the first answer is still on its way.
    doc.dispatchEvent(new Event('visibilitychange'))
    win.dispatchEvent(new Event('focus'))
    expect(calls).toHaveLength(1)
    calls[0]()
    await settle()
    expect(calls).toHaveLength(2)
    calls[1]()
    await settle()
    expect(calls).toHaveLength(2)
  })

  it('a failed ask does not stop later ones; the clean-up stops listening', async () => {
    const { doc, win, targets } = page()
    let n = 0
    const stop = whenShownAgain(async () => {
      n++
      throw new Error('server unreachable')
    }, targets)
    win.dispatchEvent(new Event('focus'))
    await settle()
    doc.dispatchEvent(new Event('visibilitychange'))
    await settle()
    expect(n).toBe(2)
    stop()
    win.dispatchEvent(new Event('focus'))
    await settle()
    expect(n).toBe(2)
  })
})
