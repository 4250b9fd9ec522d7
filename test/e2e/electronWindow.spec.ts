// The live Electron window's preferences, read from the running app. Runs
// only where Electron's binary is installed; elsewhere (our CI machines, which
// cannot download it) the test is reported as skipped with the reason.
import { _electron as electron, expect, test } from '@playwright/test'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const OUT = process.env.SPANWRIGHT_OUT ?? 'out'

/**
 * Where the binary is, found the way scripts/electronBinary.mjs finds it, but
 * without its download attempt: a test must not reach for the network.
 */
function installedElectron(): { exe: string | null; reason: string } {
  const pkg = path.join(ROOT, 'node_modules', 'electron')
  const pathFile = path.join(pkg, 'path.txt')
  if (!fs.existsSync(pkg)) return { exe: null, reason: 'the electron package is not installed (run `npm install`)' }
  if (!fs.existsSync(pathFile)) return { exe: null, reason: `${path.relative(ROOT, pathFile)} is missing: the binary was never downloaded (\`npm start\` fetches it where the internet is reachable)` }
  const exe = path.join(pkg, 'dist', fs.readFileSync(pathFile, 'utf8').trim())
  return fs.existsSync(exe) ? { exe, reason: '' } : { exe: null, reason: `${path.relative(ROOT, exe)} is missing` }
}

test('the live Electron window runs with the security checklist applied', async () => {
  const { exe, reason } = installedElectron()
  test.skip(!exe, `Electron binary not installed: ${reason}`)
  const mainEntry = path.join(ROOT, OUT, 'main', 'index.cjs')
  test.skip(!fs.existsSync(mainEntry), `the Electron build is missing (${path.relative(ROOT, mainEntry)}): run \`electron-vite build\``)

  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'spanwright-electron-'))
  const app = await electron.launch({
    executablePath: exe!,
    args: [mainEntry],
    env: { ...process.env, SPANWRIGHT_HOME: home, SPANWRIGHT_DB: path.join(home, 'e2e.spanwright') },
  })
  try {
    const page = await app.firstWindow()
    const win = await app.browserWindow(page)
    const prefs = await win.evaluate((w) => w.webContents.getLastWebPreferences())
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    })
    // In the page: one bridge with one function, and no Node.
    expect(await page.evaluate(() => Object.keys((window as unknown as { spanwright: object }).spanwright))).toEqual(['invoke'])
    expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined')
    expect(await page.evaluate(() => typeof (globalThis as { process?: unknown }).process)).toBe('undefined')
    // window.open is denied: no second window appears.
    await page.evaluate(() => window.open('https://evil.example/'))
    await page.waitForTimeout(500)
    expect(app.windows()).toHaveLength(1)
  } finally {
    await app.close()
  }
})
