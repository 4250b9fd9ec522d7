import fs from 'node:fs'

export interface Bounds {
  x: number
  y: number
  width: number
  height: number
}
export interface WindowState {
  bounds: Bounds
  maximized: boolean
}

const MIN = { width: 900, height: 600 }

/**
 * The saved bounds when they are sane and at least a title bar's worth
 * (100×40 px) of them is on one of today's displays (a monitor unplugged
 * since would leave the window out of reach); else null, for the default.
 */
export function restoredState(saved: unknown, displays: readonly Bounds[]): WindowState | null {
  const s = saved as Partial<WindowState> | null
  const b = s?.bounds
  if (!b || ![b.x, b.y, b.width, b.height].every((n) => Number.isFinite(n))) return null
  const bounds = { x: Math.round(b.x), y: Math.round(b.y), width: Math.max(MIN.width, Math.round(b.width)), height: Math.max(MIN.height, Math.round(b.height)) }
  const visible = displays.some((d) => {
    const w = Math.min(bounds.x + bounds.width, d.x + d.width) - Math.max(bounds.x, d.x)
    const h = Math.min(bounds.y + 40, d.y + d.height) - Math.max(bounds.y, d.y)
    return w >= 100 && h >= 40
  })
  return visible ? { bounds, maximized: s?.maximized === true } : null
}

export function readWindowState(file: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'))
  } catch {
    return null
  }
}

export function writeWindowState(file: string, state: WindowState): void {
  try {
    fs.writeFileSync(file, JSON.stringify(state), { mode: 0o600 })
  } catch {
    // Losing the window's place is harmless; closing must not fail over it.
  }
}
