// Electron's security checklist, item by item, on the one pure function that
// builds the main window's options.
import { describe, expect, it } from 'vitest'
import { mainWindowOptions } from '../../../../src/main/electron/windowOptions'

describe('main window options', () => {
  const options = mainWindowOptions('/app/out/preload/index.cjs')
  const prefs = options.webPreferences!

  it('isolates the renderer: context isolation and the sandbox on', () => {
    expect(prefs.contextIsolation).toBe(true)
    expect(prefs.sandbox).toBe(true)
  })

  it('gives the page no Node: nodeIntegration off everywhere', () => {
    expect(prefs.nodeIntegration).toBe(false)
    expect(prefs.nodeIntegrationInWorker).toBe(false)
    expect(prefs.nodeIntegrationInSubFrames).toBe(false)
  })

  it('keeps web security: same-origin policy on, no insecure content, no experimental features', () => {
    expect(prefs.webSecurity).toBe(true)
    expect(prefs.allowRunningInsecureContent).toBe(false)
    expect(prefs.experimentalFeatures).toBe(false)
  })

  it('allows no <webview> tag', () => {
    expect(prefs.webviewTag).toBe(false)
  })

  it('loads only our preload, and sets nothing that would loosen the above', () => {
    expect(prefs.preload).toBe('/app/out/preload/index.cjs')
    // Options that weaken isolation if present; none may be set at all.
    for (const risky of ['enableBlinkFeatures', 'additionalArguments', 'enableRemoteModule']) {
      expect(prefs, risky).not.toHaveProperty(risky)
    }
  })

  it('is the same for every call (a pure function)', () => {
    expect(mainWindowOptions('/app/out/preload/index.cjs')).toEqual(options)
  })
})
