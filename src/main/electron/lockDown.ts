import type { Shell, WebContents } from 'electron'
import { isAllowedExternalLink } from './windowOptions'

/** The part of Electron's events the guards use, so tests can pass plain objects. */
export interface PreventableEvent {
  preventDefault(): void
}
export type OpenExternal = Pick<Shell, 'openExternal'>['openExternal']

/** Hands an allow-listed https link to the system browser; anything else is dropped. Returns whether it was opened. */
export function openExternalIfAllowed(openExternal: OpenExternal, url: string): boolean {
  if (!isAllowedExternalLink(url)) return false
  void openExternal(url)
  return true
}

/**
 * `will-navigate` / `will-redirect`: the window never leaves the app. A link to
 * an allow-listed site opens in the system browser instead.
 */
export function navigationGuard(isOwnUrl: (url: string) => boolean, openExternal: OpenExternal) {
  return (event: PreventableEvent, url: string): void => {
    if (isOwnUrl(url)) return
    event.preventDefault()
    openExternalIfAllowed(openExternal, url)
  }
}

/** `setWindowOpenHandler`: no new windows ever; allow-listed links go to the system browser. */
export function windowOpenGuard(openExternal: OpenExternal) {
  return ({ url }: { url: string }): { action: 'deny' } => {
    openExternalIfAllowed(openExternal, url)
    return { action: 'deny' }
  }
}

/** `will-attach-webview`: no <webview> (webviewTag is off too; this is the second lock). */
export function webviewGuard(event: PreventableEvent): void {
  event.preventDefault()
}

/** Session permission requests (camera, notifications, ...): the app needs none, so all are refused. */
export function denyPermission(_contents: unknown, _permission: string, callback: (granted: boolean) => void): void {
  callback(false)
}

/**
 * Denies navigation away from the app and every window.open; allow-listed
 * https links go to the system browser instead.
 */
export function lockDownWebContents(contents: WebContents, shell: Pick<Shell, 'openExternal'>, isOwnUrl: (url: string) => boolean): void {
  const openExternal: OpenExternal = (url, options) => shell.openExternal(url, options)
  const guard = navigationGuard(isOwnUrl, openExternal)
  contents.on('will-navigate', guard)
  contents.on('will-redirect', guard)
  contents.on('will-attach-webview', webviewGuard)
  contents.setWindowOpenHandler(windowOpenGuard(openExternal))
  contents.session.setPermissionRequestHandler(denyPermission)
}
