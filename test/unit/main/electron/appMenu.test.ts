import type { MenuItemConstructorOptions } from 'electron'
import { describe, expect, it } from 'vitest'
import { appMenuTemplate } from '../../../../src/main/electron/appMenu'
import type { MenuHandlers } from '../../../../src/main/electron/appMenu'

function recorder() {
  const calls: string[] = []
  const h: MenuHandlers = {
    openWorkspace: () => calls.push('open'),
    newWorkspace: () => calls.push('new'),
    openRecent: (f) => calls.push(`recent:${f}`),
    clearRecent: () => calls.push('clear'),
    send: (a) => calls.push(`send:${a}`),
    openHelp: () => calls.push('help'),
  }
  return { calls, h }
}

const items = (menu: MenuItemConstructorOptions[], label: string) => (menu.find((m) => m.label === label || m.role === label)?.submenu ?? []) as MenuItemConstructorOptions[]
const byLabel = (list: MenuItemConstructorOptions[], label: string) => list.find((i) => i.label === label)!
const click = (i: MenuItemConstructorOptions) => (i.click as unknown as () => void)()

describe('appMenuTemplate', () => {
  it('has File, Edit, View and Help, each command with its accelerator, and clicks reach the handlers', () => {
    const { calls, h } = recorder()
    const menu = appMenuTemplate({ isMac: false, recent: [], appName: 'Spanwright' }, h)
    expect(menu.map((m) => m.label ?? m.role)).toEqual(['File', 'Edit', 'View', 'help'])
    const file = items(menu, 'File')
    const want: [string, string, string][] = [
      ['Open Workspace…', 'CmdOrCtrl+O', 'open'],
      ['New Workspace…', 'CmdOrCtrl+Shift+N', 'new'],
      ['Import…', 'CmdOrCtrl+I', 'send:import'],
      ['Export…', 'CmdOrCtrl+E', 'send:export'],
    ]
    for (const [label, accel, call] of want) {
      const item = byLabel(file, label)
      expect(item.accelerator, label).toBe(accel)
      click(item)
      expect(calls.at(-1)).toBe(call)
    }
    const edit = items(menu, 'Edit')
    expect(byLabel(edit, 'Undo').accelerator).toBe('CmdOrCtrl+Z')
    expect(byLabel(edit, 'Redo').accelerator).toBe('Ctrl+Y')
    const view = items(menu, 'View')
    expect(view.filter((i) => i.role).map((i) => [i.role, i.accelerator])).toContainEqual(['zoomIn', 'CmdOrCtrl+='])
    click(byLabel(view, 'Toggle Dark Theme'))
    expect(calls.at(-1)).toBe('send:toggle-theme')
    click(items(menu, 'help')[0])
    expect(calls.at(-1)).toBe('help')
  })

  it('Undo and Redo leave their keys to the page (the editor history answers them)', () => {
    const edit = items(appMenuTemplate({ isMac: true, recent: [], appName: 'S' }, recorder().h), 'Edit')
    for (const l of ['Undo', 'Redo']) expect(byLabel(edit, l).registerAccelerator).toBe(false)
    expect(byLabel(edit, 'Redo').accelerator).toBe('Cmd+Shift+Z')
  })

  it('Open Recent lists the recent workspaces, most recent first, and can be cleared; empty says so', () => {
    const { calls, h } = recorder()
    const recent = byLabel(items(appMenuTemplate({ isMac: false, recent: ['/a/one.spanwright', '/b/two.spanwright'], appName: 'S' }, h), 'File'), 'Open Recent')
      .submenu as MenuItemConstructorOptions[]
    expect(recent.slice(0, 2).map((i) => i.label)).toEqual(['/a/one.spanwright', '/b/two.spanwright'])
    click(recent[1])
    expect(calls.at(-1)).toBe('recent:/b/two.spanwright')
    click(byLabel(recent, 'Clear Recent'))
    expect(calls.at(-1)).toBe('clear')
    const empty = byLabel(items(appMenuTemplate({ isMac: false, recent: [], appName: 'S' }, h), 'File'), 'Open Recent').submenu as MenuItemConstructorOptions[]
    expect(empty).toEqual([{ label: 'No recent workspaces', enabled: false }])
  })

  it('macOS gets the app menu first, and Quit lives there', () => {
    const menu = appMenuTemplate({ isMac: true, recent: [], appName: 'Spanwright' }, recorder().h)
    expect(menu[0].label).toBe('Spanwright')
    expect(items(menu, 'File').some((i) => i.role === 'quit')).toBe(false)
  })
})
