// `npm run dist` cannot run here (no Electron binary, no network for electron-builder's downloads), so the
// config is checked with electron-builder's own code: its schema, the package metadata its targets require,
// and that what the build writes and the native addon are inside what it packs.
import { createRequire } from 'node:module'
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { REPO_ROOT } from '../../../helpers/tempWorkspace'

const req = createRequire(path.join(REPO_ROOT, 'package.json'))
const { getConfig, validateConfiguration } = req('app-builder-lib/out/util/config/config') as {
  getConfig(projectDir: string, configPath: string | null, fromOptions: null): Promise<Record<string, unknown>>
  validateConfiguration(config: Record<string, unknown>, debugLogger: unknown): Promise<void>
}
const { DebugLogger } = req('builder-util') as { DebugLogger: new (enabled: boolean) => unknown }
const { checkMetadata } = req('app-builder-lib/out/util/packageMetadata') as {
  checkMetadata(metadata: unknown, devMetadata: unknown, appPackageFile: string, devAppPackageFile: string): void
}
const { minimatch } = req('minimatch') as { minimatch(p: string, pattern: string, o?: object): boolean }

const CONFIG = path.join(REPO_ROOT, 'electron-builder.yml')
const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as Record<string, unknown> & { main: string; scripts: Record<string, string> }
const load = () => getConfig(REPO_ROOT, CONFIG, null)
/** getConfig turns `files: [globs]` into `[{ filter: [globs] }]`; the packing globs, exclusions aside. */
const globs = (v: unknown) => (v as (string | { filter: string[] })[]).flatMap((g) => (typeof g === 'string' ? [g] : g.filter)).filter((g) => !g.startsWith('!'))
const packs = (file: string, patterns: string[]) => patterns.some((g) => minimatch(file, g, { dot: true }))

describe('electron-builder.yml, as electron-builder reads it', () => {
  it('is the config `npm run dist` passes', () => {
    expect(pkg.scripts.dist).toContain('--config electron-builder.yml')
  })

  it('passes electron-builder’s own schema; a key it does not know is refused', async () => {
    const config = await load()
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined()
    await expect(validateConfiguration({ ...config, asarUnpackk: ['x'] }, new DebugLogger(false))).rejects.toThrow(/asarUnpackk/)
  })

  it('package.json has the metadata electron-builder requires, and electron only as a devDependency', () => {
    expect(() => checkMetadata(pkg, pkg, 'package.json', 'package.json')).not.toThrow()
    expect(() => checkMetadata({ ...pkg, dependencies: { ...(pkg.dependencies as object), electron: '45' } }, pkg, 'package.json', 'package.json')).toThrow(/electron/)
  })

  it('packs the entry point, the preload and the renderer the build writes', async () => {
    const config = await load()
    const files = globs(config.files)
    for (const f of [pkg.main, 'out/main/apiWorker.cjs', 'out/preload/index.cjs', 'out/renderer/index.html', 'package.json']) expect(packs(f, files), f).toBe(true)
    expect(packs('src/main/main.ts', files)).toBe(false)
  })

  it('leaves out the compressed copies the build writes for `spanwright serve` (the desktop reads the plain files)', async () => {
    const config = await load()
    const all = (config.files as (string | { filter: string[] })[]).flatMap((g) => (typeof g === 'string' ? [g] : g.filter))
    const left = (file: string) => all.some((g) => g.startsWith('!') && minimatch(file, g.slice(1), { dot: true }))
    for (const f of ['out/renderer/index.html.br', 'out/renderer/assets/index-CAcydKth.js.gz', 'out/renderer/assets/react-UKNKccQ9.js.br']) expect(left(f), f).toBe(true)
    for (const f of ['out/renderer/index.html', 'out/renderer/assets/index-CAcydKth.js']) expect(left(f), f).toBe(false)
  })

  it('keeps better-sqlite3’s addon outside the asar archive, where it can be loaded', async () => {
    const config = await load()
    expect(config.npmRebuild).toBe(true)
    expect(packs('node_modules/better-sqlite3/build/Release/better_sqlite3.node', globs(config.asarUnpack))).toBe(true)
  })

  // electron-builder's deb target (FpmTarget) throws after packaging without a homepage and a maintainer
  // (package.json author with an email, or deb.maintainer); we have neither to give, so deb is opt-in.
  it('builds only Linux targets whose required metadata is there: AppImage, and deb only with a homepage and a maintainer', async () => {
    const config = await load()
    const linux = (config.linux as { target: string[] }).target.map(String)
    expect(linux).toContain('AppImage')
    const maintainer = (config.deb as { maintainer?: string } | undefined)?.maintainer ?? (pkg.author as { email?: string } | undefined)?.email
    expect(linux.includes('deb') && !(pkg.homepage && maintainer), 'deb needs package.json homepage and a maintainer').toBe(false)
  })
})
