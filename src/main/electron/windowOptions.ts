import type { BrowserWindowConstructorOptions } from 'electron'

/**
 * The main window's options in one pure function, so a unit test can assert
 * every item of Electron's security checklist that lives here.
 */
export function mainWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1400,
    height: 900,
    minWidth: 900,
    minHeight: 600,
    title: 'Spanwright',
    backgroundColor: '#f6f7f9',
    show: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      spellcheck: false,
    },
  }
}

/** Links the app may hand to the system browser: https on these hosts only. */
export const EXTERNAL_LINK_HOSTS = ['github.com', 'www.wikidata.org', 'spacy.io']

export function isAllowedExternalLink(url: string): boolean {
  try {
    const u = new URL(url)
    return u.protocol === 'https:' && EXTERNAL_LINK_HOSTS.includes(u.hostname)
  } catch {
    return false
  }
}
