// Navigation, window.open, <webview>, permissions and shell.openExternal, each
// tested on the plain functions lockDownWebContents installs, with plain
// objects in place of Electron's events.
import { describe, expect, it } from 'vitest'
import { isTrustedRendererUrl } from '../../../../src/main/electron/ipcAdapter'
import { denyPermission, navigationGuard, openExternalIfAllowed, webviewGuard, windowOpenGuard } from '../../../../src/main/electron/lockDown'
import { EXTERNAL_LINK_HOSTS, isAllowedExternalLink } from '../../../../src/main/electron/windowOptions'

/** Records what the guards do with an event and with the system browser. */
function recorder() {
  const opened: string[] = []
  let prevented = 0
  return {
    opened,
    prevented: () => prevented,
    event: { preventDefault: () => void prevented++ },
    openExternal: (url: string) => {
      opened.push(url)
      return Promise.resolve()
    },
  }
}

const RENDERER = 'file:///opt/Spanwright/resources/app/out/renderer/index.html'
const isOwn = (u: string) => isTrustedRendererUrl(u, RENDERER)

const hostile = [
  'http://github.com/x', // not https
  'https://evil.example/',
  'https://github.com.evil.example/',
  'https://evil.example/?github.com',
  'https://user@evil.example/',
  'file:///etc/passwd',
  'javascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'smb://server/share',
  'ms-msdt:/id PCWDiagnostic',
  'not a url',
  '',
]

describe('shell.openExternal allow-list', () => {
  it('accepts https links on listed hosts only', () => {
    for (const host of EXTERNAL_LINK_HOSTS) expect(isAllowedExternalLink(`https://${host}/some/page?q=1#x`), host).toBe(true)
    for (const url of hostile) expect(isAllowedExternalLink(url), url).toBe(false)
  })

  it('the handler opens allowed links and drops the rest', () => {
    const r = recorder()
    expect(openExternalIfAllowed(r.openExternal, 'https://www.wikidata.org/wiki/Q31')).toBe(true)
    for (const url of hostile) expect(openExternalIfAllowed(r.openExternal, url), url).toBe(false)
    expect(r.opened).toEqual(['https://www.wikidata.org/wiki/Q31'])
  })
})

describe('navigation guard', () => {
  it('lets the window move within the app (hash routes)', () => {
    const r = recorder()
    navigationGuard(isOwn, r.openExternal)(r.event, `${RENDERER}#/documents/3`)
    expect(r.prevented()).toBe(0)
    expect(r.opened).toEqual([])
  })

  it('denies every navigation elsewhere, handing only allow-listed links to the browser', () => {
    const r = recorder()
    const guard = navigationGuard(isOwn, r.openExternal)
    for (const url of [...hostile, 'https://spacy.io/usage', 'file:///opt/Spanwright/other.html']) guard(r.event, url)
    expect(r.prevented()).toBe(hostile.length + 2)
    expect(r.opened).toEqual(['https://spacy.io/usage'])
  })
})

describe('window.open guard', () => {
  it('denies every new window, even for our own page', () => {
    const r = recorder()
    const guard = windowOpenGuard(r.openExternal)
    for (const url of [RENDERER, ...hostile, 'https://github.com/spanwright']) expect(guard({ url })).toEqual({ action: 'deny' })
    expect(r.opened).toEqual(['https://github.com/spanwright'])
  })
})

describe('webview and permissions', () => {
  it('prevents attaching a <webview>', () => {
    const r = recorder()
    webviewGuard(r.event)
    expect(r.prevented()).toBe(1)
  })

  it('refuses every permission request', () => {
    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read']) {
      let granted: boolean | undefined
      denyPermission({}, permission, (g) => (granted = g))
      expect(granted, permission).toBe(false)
    }
  })
})
