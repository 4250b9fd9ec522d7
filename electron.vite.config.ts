import react from '@vitejs/plugin-react'
import { defineConfig } from 'electron-vite'
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import { extname, resolve } from 'node:path'
import { promisify } from 'node:util'
import zlib from 'node:zlib'
import { build } from 'vite'
import type { Plugin } from 'vite'
import { BROTLI_OPTIONS, COMPRESSIBLE, GZIP_OPTIONS, MIN_COMPRESS_BYTES } from './src/main/http/staticFiles'

// SPANWRIGHT_OUT moves the build (default out/), so parallel test runs do not overwrite each other's.
const OUT = process.env.SPANWRIGHT_OUT ?? 'out'

const RENDERER = resolve(__dirname, 'src/renderer')
const BOOT = resolve(RENDERER, 'app/boot.ts')
const DOCUMENT_VIEW = resolve(RENDERER, 'features/annotate/DocumentView.tsx')

/**
 * The renderer's boot script (src/renderer/app/boot.ts): built alone into one small classic script (an IIFE,
 * no imports) and put before the app's module script in index.html. The parser runs it as soon as it
 * arrives, before the module scripts are compiled (measured: as a module script it waited behind React's
 * compile), and it starts the first screen's reads and, on a document's link, the editor's code: the build
 * hands it the editor chunk's files (its static imports and CSS). (Vite would fold a second <script> of
 * index.html into the one entry, and a second entry shares chunks with the app.) In dev, the source is served.
 */
function bootScript(): Plugin {
  let bootFile: string | null = null
  return {
    name: 'spanwright-boot-script',
    enforce: 'pre',
    async generateBundle(_options, bundle) {
      const editor = Object.values(bundle).find((c) => c.type === 'chunk' && c.facadeModuleId === DOCUMENT_VIEW)
      if (!editor || editor.type !== 'chunk') throw new Error('spanwright-boot-script: no chunk for the document view')
      // The editor chunk's static imports and CSS, less what index.html loads anyway.
      const files = (from: string[]) => {
        const js = new Set<string>()
        const css = new Set<string>()
        const walk = (fileName: string) => {
          const c = bundle[fileName]
          if (js.has(fileName) || !c || c.type !== 'chunk') return
          js.add(fileName)
          for (const f of c.viteMetadata?.importedCss ?? []) css.add(f)
          c.imports.forEach(walk)
        }
        from.forEach(walk)
        return { js, css }
      }
      const page = files(Object.values(bundle).flatMap((c) => (c.type === 'chunk' && c.isEntry ? [c.fileName] : [])))
      const { js, css } = files([editor.fileName])
      const rel = (set: Set<string>, loaded: Set<string>) => [...set].filter((f) => !loaded.has(f)).map((f) => `./${f}`)
      const built = (await build({
        configFile: false,
        logLevel: 'warn',
        root: RENDERER,
        publicDir: false,
        define: { __SPANWRIGHT_EDITOR_CODE__: JSON.stringify({ js: rel(js, page.js), css: rel(css, page.css) }) },
        build: { write: false, minify: true, lib: { entry: BOOT, formats: ['iife'], name: 'spanwrightBoot', fileName: 'boot' }, rollupOptions: { output: { minify: true } } },
      })) as { output: { type: string; code?: string }[] }[]
      const code = built[0].output.find((o) => o.type === 'chunk')?.code
      if (!code) throw new Error('spanwright-boot-script: the boot script did not build')
      bootFile = `assets/boot-${createHash('sha256').update(code).digest('base64url').slice(0, 8)}.js`
      this.emitFile({ type: 'asset', fileName: bootFile, source: code })
    },
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        if (ctx.bundle && !bootFile) throw new Error('spanwright-boot-script: the boot script was not built')
        const tag = bootFile ? `<script src="./${bootFile}"></script>` : '<script type="module" src="/app/boot.ts"></script>'
        // After the CSP <meta> (which covers only what follows it). In dev, before the app's module script (modules
        // run in document order). Built, after it and its modulepreloads, before the style sheet: the parser waits on
        // a classic script, and the browser asked for the app's scripts only once it had run (measured: 17-25 ms
        // later); a module script runs only once the page is parsed, so the boot script still runs first. Before the
        // style sheet, which a classic script after it would wait for.
        const at = bootFile ? html.search(/<link rel="stylesheet"|<\/head>/) : html.search(/<script type="module"/)
        if (at < 0 || !/<script type="module"/.test(html)) throw new Error('spanwright-boot-script: index.html has no module script')
        // The style sheet asked for beside the scripts, not once the boot script has run and the parser reaches its
        // <link>: the app's module script waits for it (a style sheet blocks scripts), and it was asked for 60-70 ms
        // after the scripts (measured). A preload does not hold the boot script back as the <link> itself would.
        const preloads = bootFile ? [...html.matchAll(/<link rel="stylesheet"( crossorigin)? href="([^"]+)">/g)].map((m) => `<link rel="preload" as="style"${m[1] ?? ''} href="${m[2]}">\n    `).join('') : ''
        return `${html.slice(0, at)}${preloads}${tag}\n    ${html.slice(at)}`
      },
    },
  }
}

/**
 * Every text file of the renderer's build also written compressed, `<file>.br` and `<file>.gz`, as `spanwright serve`
 * would compress it (src/main/http/staticFiles.ts sends these). Each run of `serve` listens on a new port, so a first
 * start there has an empty cache: compressing the start's scripts on its requests took 0.1-0.25 s of CPU each (brotli,
 * quality 9) on the start's path. The desktop app reads the plain files.
 */
function precompressed(): Plugin {
  const brotli = promisify(zlib.brotliCompress)
  const gzip = promisify(zlib.gzip)
  return {
    name: 'spanwright-precompressed',
    apply: 'build',
    async writeBundle(options, bundle) {
      const dir = options.dir
      if (!dir) throw new Error('spanwright-precompressed: no output folder')
      const files = Object.keys(bundle).filter((f) => COMPRESSIBLE.has(extname(f)))
      await Promise.all(
        files.map(async (f) => {
          const file = resolve(dir, f)
          const data = await fs.promises.readFile(file)
          if (data.length < MIN_COMPRESS_BYTES) return
          const [br, gz] = await Promise.all([brotli(data, BROTLI_OPTIONS(data.length)), gzip(data, GZIP_OPTIONS)])
          await Promise.all([fs.promises.writeFile(`${file}.br`, br), fs.promises.writeFile(`${file}.gz`, gz)])
        }),
      )
    },
  }
}

// Builds the three parts without needing the Electron binary:
// main (Node, CommonJS), preload (sandboxed, CommonJS, bundled alone) and the renderer (browser).
export default defineConfig({
  main: {
    build: {
      outDir: `${OUT}/main`,
      externalizeDeps: true,
      rollupOptions: {
        // apiWorker: the worker thread that owns the store (src/main/worker), beside index.cjs.
        input: { index: resolve(__dirname, 'src/main/electron/main.ts'), apiWorker: resolve(__dirname, 'src/main/worker/apiWorker.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs', chunkFileNames: 'chunks/[name]-[hash].cjs' },
      },
    },
  },
  preload: {
    build: {
      outDir: `${OUT}/preload`,
      rollupOptions: {
        input: { index: resolve(__dirname, 'src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: RENDERER,
    plugins: [react(), bootScript(), precompressed()],
    build: {
      outDir: resolve(__dirname, OUT, 'renderer'),
      emptyOutDir: true,
      // Minified (electron-vite leaves it off by default): the first script is what a start waits for.
      minify: true,
      reportCompressedSize: false,
      // Script files only, no inline scripts (the CSP allows script-src 'self'); routes are split into chunks.
      modulePreload: { polyfill: false },
      rollupOptions: {
        input: resolve(RENDERER, 'index.html'),
        // React in a chunk of its own: the app's code and every lazy screen share it, and it changes less often.
        output: { codeSplitting: { groups: [{ name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/ }] } },
      },
    },
  },
})
