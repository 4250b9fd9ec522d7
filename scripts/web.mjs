#!/usr/bin/env node
// `npm run web`: builds the renderer and serves the app on 127.0.0.1. The first
// line on stdout is `Spanwright at http://127.0.0.1:PORT/…`; the build's own output
// goes to stderr. The system browser opens at that address where there is one
// (SPANWRIGHT_BROWSER=none turns that off). Extra arguments go to `spanwright serve`.
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { serveInBrowser } from './browserMode.mjs'

serveInBrowser(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..'), process.argv.slice(2))
