import react from '@vitejs/plugin-react'
import { defineConfig } from 'electron-vite'
import { resolve } from 'node:path'

// Builds the three parts without needing the Electron binary:
// main (Node, CommonJS), preload (sandboxed, CommonJS, bundled alone) and the renderer (browser).
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      externalizeDeps: true,
      rollupOptions: {
        input: { index: resolve(__dirname, 'src/main/electron/main.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
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
      outDir: resolve(__dirname, 'out/renderer'),
      emptyOutDir: true,
      // One script file, no inline scripts: the CSP allows script-src 'self' only.
      modulePreload: { polyfill: false },
      rollupOptions: { input: resolve(__dirname, 'src/renderer/index.html') },
    },
  },
})
