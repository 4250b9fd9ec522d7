import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { isAllowedExternalLink, mainWindowOptions } from '../../../../src/main/electron/windowOptions'
import { REPO_ROOT } from '../../../helpers/tempWorkspace'

describe('main window options (Electron security checklist)', () => {
  const prefs = mainWindowOptions('/app/preload.cjs').webPreferences!
  it('isolates and sandboxes the renderer', () => {
    expect(prefs.contextIsolation).toBe(true)
    expect(prefs.sandbox).toBe(true)
    expect(prefs.nodeIntegration).toBe(false)
    expect(prefs.nodeIntegrationInSubFrames).toBe(false)
    expect(prefs.webSecurity).toBe(true)
    expect(prefs.allowRunningInsecureContent).toBe(false)
    expect(prefs.webviewTag).toBe(false)
    expect(prefs.preload).toBe('/app/preload.cjs')
  })

  it('allows only https links on listed hosts to leave the app', () => {
    expect(isAllowedExternalLink('https://www.wikidata.org/wiki/Q31')).toBe(true)
    expect(isAllowedExternalLink('http://www.wikidata.org/wiki/Q31')).toBe(false)
    expect(isAllowedExternalLink('https://evil.example/')).toBe(false)
    expect(isAllowedExternalLink('file:///etc/passwd')).toBe(false)
    expect(isAllowedExternalLink('javascript:alert(1)')).toBe(false)
  })

  it('ships a CSP that allows scripts only from the app itself', () => {
    const html = fs.readFileSync(path.join(REPO_ROOT, 'src/renderer/index.html'), 'utf8')
    const csp = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1] ?? ''
    expect(csp).toMatch(/script-src 'self'(;|$)/)
    expect(csp).not.toMatch(/unsafe-eval/)
    expect(csp).toMatch(/object-src 'none'/)
  })

  it('the preload exposes invoke, the menu listener and a dropped file\'s path, and nothing else', () => {
    const src = fs.readFileSync(path.join(REPO_ROOT, 'src/preload/index.ts'), 'utf8')
    expect(src.match(/exposeInMainWorld/g)).toHaveLength(1)
    expect(src).toMatch(/exposeInMainWorld\('spanwright', bridge\)/)
    const block = /const bridge = \{([\s\S]*?)\n\}/.exec(src)?.[1] ?? ''
    expect([...block.matchAll(/^ {2}(\w+):/gm)].map((m) => m[1])).toEqual(['invoke', 'onMenu', 'pathForFile'])
    // No raw channel access: only the fixed channels, never ipcRenderer itself or send.
    expect(src).not.toMatch(/ipcRenderer\.send/)
    expect(block).not.toMatch(/:\s*ipcRenderer\s*[,}]/)
  })
})
