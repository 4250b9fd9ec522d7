// The page's first script, and a small one (no React, no imports once built: electron.vite.config.ts
// builds it alone). It runs as soon as it arrives, while the app's bundle is still loading and compiling,
// and starts what the first screen will need: the session and the schema; on a document's link, the
// document, its layer and the editor's code; on the library, its first page and counts. The screens take these reads (api/prefetch) instead of
// asking again; if this script fails or is missing, they just ask.
// It also sets the theme (app/theme.ts), so the page's first storage read happens here, while the app's scripts load.
import { initTransport } from '../api/client'
import { prefetch, prefetchWhen } from '../api/prefetch'
import { countsArgs, openingView, pageArgs } from '../features/library/libraryRequests'
import { lastAnnotator, rememberAnnotator } from './lastAnnotator'
import { parseHash } from './route'
import { applyInitialTheme } from './theme'

/** The editor chunk's files, named by the build; undefined in dev, where the app loads them itself. */
declare const __SPANWRIGHT_EDITOR_CODE__: { js: string[]; css: string[] }
const editorCode = typeof __SPANWRIGHT_EDITOR_CODE__ === 'undefined' ? null : __SPANWRIGHT_EDITOR_CODE__

/** Fetched, not applied: a style sheet is applied by the app's own loader, which waits for it before rendering the screen. */
function preload(href: string, as: 'module' | 'style'): void {
  const link = document.createElement('link')
  if (as === 'module') link.rel = 'modulepreload'
  else Object.assign(link, { rel: 'preload', as: 'style' })
  link.href = href
  link.crossOrigin = ''
  document.head.append(link)
}

applyInitialTheme()
initTransport()
const hash = window.location.hash
const route = parseHash(hash)
const info = prefetch('app.info', {})
prefetch('schema.list', {})
info.then((i) => rememberAnnotator(i.annotator), () => undefined)
if (route.name === 'document') {
  const { externalId } = route
  prefetch('documents.get', { externalId })
  // The layer beside the document, by its external id: at once for the annotator of this origin's last start, and once
  // the session's annotator is known if that is someone else (on failure the screens ask and say why).
  const guessed = lastAnnotator()
  if (guessed) prefetch('annotations.get', { externalId, annotator: guessed })
  prefetchWhen('annotations.get', info.then((i) => (i.annotator && i.annotator !== guessed ? { externalId, annotator: i.annotator } : null)))
  // The editor's code beside the reads, rather than once the app's bundle has run and asked for it.
  for (const href of editorCode?.js ?? []) preload(href, 'module')
  for (const href of editorCode?.css ?? []) preload(href, 'style')
} else if (hash === '' || hash === '#' || hash === '#/') {
  // Once the annotator is known (none yet: it is chosen first, and the library is not shown).
  const view = info.then((i) => (i.annotator ? openingView(i.annotator) : null))
  prefetchWhen('documents.list', view.then((v) => v && pageArgs(v, 0)))
  prefetchWhen('documents.counts', view.then((v) => v && countsArgs(v)))
}
