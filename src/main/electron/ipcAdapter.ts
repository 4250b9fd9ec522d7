import type { IpcMain, IpcMainInvokeEvent } from 'electron'
import type { Reply } from '../../shared/api/errors'
import { dispatch } from '../api/dispatch'
import type { Handlers } from '../api/handlerTypes'
import type { ApiCall } from '../worker/apiWorkerHost'

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

/** The parts of Electron's WebFrameMain the check reads; `parent` is null only for a main frame. */
export interface SenderFrame {
  url: string
  parent: SenderFrame | null
}

/**
 * Why a call must be refused, or null to accept it: only the main frame of
 * our own renderer may call. Subframes (an iframe of our own origin
 * included), other origins, and a destroyed frame (null) are refused.
 */
export function senderRefusal(frame: SenderFrame | null | undefined, isTrusted: FrameCheck): string | null {
  if (!frame) return 'refused a call from a frame that is gone'
  const url = typeof frame.url === 'string' ? frame.url : ''
  // Fail closed: a frame whose parent is not known to be null is not a main frame.
  if (frame.parent !== null) return `refused a call from a subframe (${url || 'unknown'})`
  if (!isTrusted(url)) return `refused a call from an untrusted frame (${url || 'unknown'})`
  return null
}

/** Where a checked call goes: the API worker's call (the app), or a handler table served here (tests). */
export type ApiTarget = Handlers | ApiCall

/** What the channel's handler does with one invoke: check the sender, then dispatch. */
export function ipcApiHandler(target: ApiTarget, isTrusted: FrameCheck) {
  const call: ApiCall = typeof target === 'function' ? target : (m, a, r) => dispatch(target, m, a, r)
  return async (event: Pick<IpcMainInvokeEvent, 'senderFrame'>, method: unknown, args: unknown, requestId?: unknown): Promise<Reply<unknown>> => {
    const refusal = senderRefusal(event.senderFrame, isTrusted)
    if (refusal) return { ok: false, error: { code: 'unauthorized', message: refusal } }
    // The optional request id makes a retried edit apply once (dispatch checks its shape).
    return call(method, args, requestId)
  }
}

/**
 * The Electron transport of the API contract: one channel, the sending frame
 * checked, then forwarded to the API worker, as the HTTP adapter does.
 */
export function registerIpcApi(ipcMain: Pick<IpcMain, 'handle'>, target: ApiTarget, isTrusted: FrameCheck): void {
  ipcMain.handle(API_CHANNEL, ipcApiHandler(target, isTrusted))
}
