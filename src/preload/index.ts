import { contextBridge, ipcRenderer } from 'electron'

// Keep in step with API_CHANNEL in src/main/electron/ipcAdapter.ts (the preload is
// sandboxed and bundled alone, so it does not import main-process code).
const API_CHANNEL = 'spanwright:api'

/**
 * The renderer's only door to the main process: one generic invoke. The
 * optional requestId is the same on every retry of one edit, so the main
 * process applies it once.
 */
const bridge = {
  invoke: (method: string, args: unknown, requestId?: string): Promise<unknown> =>
    requestId === undefined ? ipcRenderer.invoke(API_CHANNEL, method, args) : ipcRenderer.invoke(API_CHANNEL, method, args, requestId),
}

contextBridge.exposeInMainWorld('spanwright', bridge)

export type SpanwrightBridge = typeof bridge
