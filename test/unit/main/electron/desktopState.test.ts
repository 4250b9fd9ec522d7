import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { MAX_RECENT, readRecent, withRecent, writeRecent } from '../../../../src/main/electron/recentWorkspaces'
import { readWindowState, restoredState, writeWindowState } from '../../../../src/main/electron/windowState'
import { tempDir } from '../../../helpers/tempWorkspace'

const display = { x: 0, y: 0, width: 1920, height: 1080 }

describe('recent workspaces', () => {
  it('puts the newest first, once, and keeps at most ten', () => {
    let list: string[] = []
    for (let i = 0; i < 12; i++) list = withRecent(list, `/w/${i}.spanwright`)
    list = withRecent(list, '/w/5.spanwright')
    expect(list[0]).toBe('/w/5.spanwright')
    expect(list).toHaveLength(MAX_RECENT)
    expect(new Set(list).size).toBe(list.length)
  })

  it('a missing, hostile or foreign file reads as a list of absolute paths only', () => {
    const dir = tempDir()
    const f = path.join(dir, 'recent.json')
    expect(readRecent(f)).toEqual([])
    fs.writeFileSync(f, '{"not": "a list"}')
    expect(readRecent(f)).toEqual([])
    fs.writeFileSync(f, JSON.stringify(['/ok.spanwright', 'relative.spanwright', 42, null]))
    expect(readRecent(f)).toEqual(['/ok.spanwright'])
    writeRecent(f, ['/a.spanwright'])
    expect(readRecent(f)).toEqual(['/a.spanwright'])
  })
})

describe('window state', () => {
  it('restores bounds on a display, maximized or not', () => {
    expect(restoredState({ bounds: { x: 100, y: 80, width: 1200, height: 800 }, maximized: true }, [display])).toEqual({
      bounds: { x: 100, y: 80, width: 1200, height: 800 },
      maximized: true,
    })
  })

  it('a window left on a monitor that is gone, or garbage, falls back to the default', () => {
    expect(restoredState({ bounds: { x: 2500, y: 100, width: 1000, height: 700 } }, [display])).toBeNull()
    expect(restoredState({ bounds: { x: 'a', y: 0, width: 10, height: 10 } }, [display])).toBeNull()
    expect(restoredState(null, [display])).toBeNull()
    expect(restoredState({ bounds: { x: 0, y: 0, width: Infinity, height: 10 } }, [display])).toBeNull()
  })

  it('a second monitor to the right keeps the window there; a tiny size grows to the minimum', () => {
    const second = { x: 1920, y: 0, width: 1280, height: 1024 }
    expect(restoredState({ bounds: { x: 2000, y: 50, width: 300, height: 200 } }, [display, second])?.bounds).toEqual({ x: 2000, y: 50, width: 900, height: 600 })
  })

  it('reads back what it wrote; a damaged file is no state', () => {
    const f = path.join(tempDir(), 'window.json')
    writeWindowState(f, { bounds: { x: 1, y: 2, width: 1000, height: 700 }, maximized: false })
    expect(restoredState(readWindowState(f), [display])).toEqual({ bounds: { x: 1, y: 2, width: 1000, height: 700 }, maximized: false })
    fs.writeFileSync(f, '{')
    expect(readWindowState(f)).toBeNull()
  })
})
