import type { IpcMain, IpcMainInvokeEvent } from 'electron'
import type { Reply } from '../../shared/api/errors'
import { dispatch } from '../api/dispatch'
import type { Handlers } from '../api/handlerTypes'

export const API_CHANNEL = 'spanwright:api'

/** True when a frame's URL is our own renderer (the bundled file, or the dev server). */
export type FrameCheck = (frameUrl: string) => boolean

export function isTrustedRendererUrl(frameUrl: string, rendererUrl: string): boolean {
  try {
    const f = new URL(frameUrl)
    const r = new URL(rendererUrl)
    if (r.protocol === 'file:') return f.protocol === 'file:' && f.pathname === r.pathname
    return f.origin === r.origin
  } catch {
    return false
  }
}

/**
 * The Electron transport of the API contract: one channel, the sending frame
 * checked, then the same dispatch as the HTTP adapter.
 */
export function registerIpcApi(ipcMain: IpcMain, handlers: Handlers, isTrusted: FrameCheck): void {
  ipcMain.handle(API_CHANNEL, async (event: IpcMainInvokeEvent, method: unknown, args: unknown): Promise<Reply<unknown>> => {
    const url = event.senderFrame?.url ?? ''
    if (!isTrusted(url)) {
      return { ok: false, error: { code: 'unauthorized', message: `refused a call from an untrusted frame (${url || 'unknown'})` } }
    }
    return dispatch(handlers, method, args)
  })
}
