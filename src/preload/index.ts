import { contextBridge, ipcRenderer, webUtils } from 'electron'

// Keep in step with API_CHANNEL in src/main/electron/ipcAdapter.ts and MENU_CHANNEL in
// src/main/electron/main.ts (the preload is sandboxed and bundled alone, so it does not import main-process code).
const API_CHANNEL = 'spanwright:api'
const MENU_CHANNEL = 'spanwright:menu'

/**
 * The renderer's only doors to the main process: one generic invoke (the API
 * contract, and the desktop.* dialogs), the menu's commands, and the path of
 * a file dropped on the window (so an import reads it where it is, instead of
 * copying its bytes over IPC). The optional requestId is the same on every
 * retry of one edit, so the main process applies it once.
 */
const bridge = {
  invoke: (method: string, args: unknown, requestId?: string): Promise<unknown> =>
    requestId === undefined ? ipcRenderer.invoke(API_CHANNEL, method, args) : ipcRenderer.invoke(API_CHANNEL, method, args, requestId),
  /** Calls `listener` with each menu command (a string); returns the unsubscribe. */
  onMenu: (listener: (action: string) => void): (() => void) => {
    const on = (_e: unknown, action: unknown) => typeof action === 'string' && listener(action)
    ipcRenderer.on(MENU_CHANNEL, on)
    return () => void ipcRenderer.removeListener(MENU_CHANNEL, on)
  },
  /** The path on disk of a File from a drop or a file input ('' when it has none). */
  pathForFile: (file: File): string => webUtils.getPathForFile(file),
}

contextBridge.exposeInMainWorld('spanwright', bridge)

export type SpanwrightBridge = typeof bridge
