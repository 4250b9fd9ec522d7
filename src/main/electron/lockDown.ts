import type { Shell, WebContents } from 'electron'
import { isAllowedExternalLink } from './windowOptions'

/**
 * Denies navigation away from the app and every window.open; allow-listed
 * https links go to the system browser instead.
 */
export function lockDownWebContents(contents: WebContents, shell: Pick<Shell, 'openExternal'>, isOwnUrl: (url: string) => boolean): void {
  contents.on('will-navigate', (event, url) => {
    if (!isOwnUrl(url)) event.preventDefault()
  })
  contents.on('will-attach-webview', (event) => event.preventDefault())
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalLink(url)) void shell.openExternal(url)
    return { action: 'deny' }
  })
}
