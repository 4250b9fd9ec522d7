import react from '@vitejs/plugin-react'
import { defineConfig } from 'electron-vite'
import { resolve } from 'node:path'

// SPANWRIGHT_OUT moves the build (default out/), so parallel test runs do not overwrite each other's.
const OUT = process.env.SPANWRIGHT_OUT ?? 'out'

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
    root: resolve(__dirname, 'src/renderer'),
    plugins: [react()],
    build: {
      outDir: resolve(__dirname, OUT, 'renderer'),
      emptyOutDir: true,
      // Minified (electron-vite leaves it off by default): the first script is what a start waits for.
      minify: true,
      reportCompressedSize: false,
      // Script files only, no inline scripts (the CSP allows script-src 'self'); routes are split into chunks.
      modulePreload: { polyfill: false },
      rollupOptions: { input: resolve(__dirname, 'src/renderer/index.html') },
    },
  },
})
