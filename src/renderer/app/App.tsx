import { lazy, Suspense, useCallback, useEffect, useRef, useState } from 'react'
import type { ComponentProps, ComponentType } from 'react'
import type { AppInfo } from '../../shared/api/methods/session'
import type { LabelType } from '../../shared/domain/model'
import { call } from '../api/client'
import { takeOrCall } from '../api/prefetch'
import { useDesktopCommands } from './useDesktopCommands'
import { LibraryView } from '../features/library/LibraryView'
import { AGREEMENT_HREF, useReviewRoute } from './reviewRoute'
import { SCHEMA_HREF, useSchemaRoute } from '../features/schema/schemaRoute'
import { RECOMMENDERS_HREF, useRecommendersRoute } from '../features/recommend/recommendersRoute'
import { AnnotatorGate } from '../features/session/AnnotatorGate'
import { WORKSPACE_HREF, useWorkspaceRoute } from '../features/workspace/workspaceRoute'
import { TEAM_HREF, useTeamRoute } from '../features/team/teamRoute'
import { applyInitialTheme, ThemeSwitch } from './ThemeSwitch'
import { parseHash, useHashRoute } from './useHashRoute'
import { useNavTab } from './navTab'
import type { NavTab } from './navTab'

// Loaded on demand (issue 12 §2: a 150 ms start): the first script holds React, the shell and the library;
// the document view (ProseMirror), every other screen and the transfer dialogs are fetched when
// first opened. A start on a document's link fetches the editor at once, beside the first API calls.
// Once loaded it is rendered directly, not through Suspense: React holds a revealed boundary back for up
// to 300 ms (its fallback throttle), which alone would be twice the start budget.
let loadedDocumentView: (typeof import('../features/annotate/DocumentView'))['DocumentView'] | null = null
const loadDocumentView = () =>
  import('../features/annotate/DocumentView').then((m) => {
    loadedDocumentView = m.DocumentView
    return { default: m.DocumentView }
  })
const editorReady = parseHash(window.location.hash).name === 'document' ? loadDocumentView() : null
const LazyDocumentView = lazy(loadDocumentView)

/** The first screen's session and schema (the boot script asked for them) and, on a document's link, the editor's code. */
const firstScreen = Promise.all([takeOrCall('app.info', {}), takeOrCall('schema.list', {}), editorReady]).then(([info, labels]) => ({ info, labels }))
let firstScreenIn: { info: AppInfo; labels: LabelType[] } | null = null
firstScreen.then((v) => (firstScreenIn = v), () => undefined)
/** Once the first screen can render whole, or after `ms`: main.tsx renders then, so a quick start paints that screen at once rather than a placeholder first. */
export const firstScreenOrAfter = (ms: number): Promise<void> =>
  Promise.race([firstScreen.then(() => undefined, () => undefined), new Promise<void>((r) => setTimeout(r, ms))])
const RecommendersView = lazy(() => import('../features/recommend/RecommendersView'))
const ReviewView = lazy(() => import('../features/review/ReviewView').then((m) => ({ default: m.ReviewView })))
const AgreementView = lazy(() => import('../features/review/AgreementView').then((m) => ({ default: m.AgreementView })))
const SchemaEditor = lazy(() => import('../features/schema/SchemaEditor').then((m) => ({ default: m.SchemaEditor })))
const TeamView = lazy(() => import('../features/team/TeamView').then((m) => ({ default: m.TeamView })))
const BackupsView = lazy(() => import('../features/workspace/BackupsView').then((m) => ({ default: m.BackupsView })))
const ImportDialog = lazy(() => import('../features/transfer/ImportDialog').then((m) => ({ default: m.ImportDialog })))
const ExportDialog = lazy(() => import('../features/transfer/ExportDialog').then((m) => ({ default: m.ExportDialog })))

/** The top bar's tabs: which tab, its address, its title, its test id. */
const NAV_TABS: [NavTab, string, string, string][] = [
  ['library', '#/', 'Library', 'open-library'],
  ['schema', SCHEMA_HREF, 'Schema', 'open-schema'],
  ['agreement', AGREEMENT_HREF, 'Agreement', 'open-agreement'],
  ['recommenders', RECOMMENDERS_HREF, 'Recommenders', 'open-recommenders'],
  ['team', TEAM_HREF, 'Team', 'open-team'],
  ['backups', WORKSPACE_HREF, 'Backups', 'open-backups'],
]

// Before the first render, so the page never flashes the other theme.
applyInitialTheme()

export function App() {
  const route = useHashRoute()
  const onSchema = useSchemaRoute()
  const review = useReviewRoute()
  const onWorkspace = useWorkspaceRoute()
  const onRecommenders = useRecommendersRoute()
  const onTeam = useTeamRoute()
  const navOn = useNavTab()
  const [info, setInfo] = useState<AppInfo | null>(() => firstScreenIn?.info ?? null)
  const documentViewType = useRef<ComponentType<ComponentProps<typeof LazyDocumentView>> | null>(null)
  const [labels, setLabels] = useState<LabelType[]>(() => firstScreenIn?.labels ?? [])
  const [error, setError] = useState<string | null>(null)
  const [switching, setSwitching] = useState(false)
  const [transfer, setTransfer] = useState<'import' | 'export' | null>(null)
  const [dropped, setDropped] = useState<string[] | undefined>(undefined)
  const openTransfer = useCallback((kind: 'import' | 'export', paths?: string[]) => {
    setDropped(paths)
    setTransfer(kind)
  }, [])
  useDesktopCommands(openTransfer)
  // Bumped after an import, so the library (and the schema, which add-labels may change) reload.
  const [imports, setImports] = useState(0)
  const imported = useCallback(() => {
    setImports((n) => n + 1)
    call('schema.list', {}).then(setLabels, () => {})
  }, [])
  // After a restore the whole workspace changed: reload the session (annotator), the labels and the library.
  const restored = useCallback(() => {
    setImports((n) => n + 1)
    Promise.all([call('app.info', {}), call('schema.list', {})]).then(([i, l]) => {
      setInfo(i)
      setLabels(l)
    }, (e: Error) => setError(e.message))
  }, [])

  useEffect(() => {
    // A start on a document waits for the editor's code beside the first calls; elsewhere it is fetched once idle.
    if (!firstScreenIn)
      firstScreen
        .then(({ info, labels }) => {
          setInfo(info)
          setLabels(labels)
        })
        .catch((e: Error) => setError(e.message))
    if (!editorReady) {
      const idle = window.requestIdleCallback ?? ((f: () => void) => setTimeout(f, 200))
      idle(() => void loadDocumentView().catch(() => undefined))
    }
  }, [])

  const chooseAnnotator = useCallback(async (name: string) => {
    setInfo(await call('session.setAnnotator', { name }))
    setSwitching(false)
  }, [])

  if (error) return <div className="app-error">Spanwright could not start: {error}</div>
  if (!info) return <div className="app-loading">Opening workspace…</div>

  const annotator = info.annotator
  // Chosen once: switching component types later would remount the open document (and drop a drag in flight).
  if (route.name === 'document' && !documentViewType.current) documentViewType.current = loadedDocumentView ?? LazyDocumentView
  const DocumentView = documentViewType.current ?? LazyDocumentView
  return (
    <div className="app">
      <header className="topbar">
        <a className="brand" href="#/">
          <span className="brand-mark" aria-hidden>
            ▍
          </span>
          Spanwright
        </a>
        <nav className="topnav">
          {NAV_TABS.map(([tab, href, title, testId]) => (
            <a key={tab} href={href} className={navOn === tab ? 'active' : ''} aria-current={navOn === tab ? 'page' : undefined} data-testid={testId}>
              {title}
            </a>
          ))}
        </nav>
        <div className="topbar-right">
          {annotator && !switching && (
            <>
              <button type="button" className="topbar-action" onClick={() => setTransfer('import')} data-testid="open-import">
                Import
              </button>
              <button type="button" className="topbar-action" onClick={() => setTransfer('export')} data-testid="open-export">
                Export
              </button>
            </>
          )}
          <ThemeSwitch />
          <span className="workspace" title={info.workspace}>
            {info.workspace.split(/[\\/]/).pop()}
          </span>
          {annotator && (
            <button className="annotator-chip" onClick={() => setSwitching(true)} title="Switch annotator">
              <span className="avatar">{annotator.slice(0, 1).toUpperCase()}</span>
              {annotator}
            </button>
          )}
        </div>
      </header>
      <main className="main">
        <Suspense fallback={<div className="app-loading">Loading…</div>}>
          {!annotator || switching ? (
            <AnnotatorGate current={annotator} onChoose={chooseAnnotator} onCancel={annotator ? () => setSwitching(false) : undefined} />
          ) : onRecommenders ? (
            <Suspense fallback={<div className="app-loading">Loading the recommenders…</div>}>
              <RecommendersView annotator={annotator} labels={labels} />
            </Suspense>
          ) : onTeam ? (
            <TeamView browserMode={info.transport === 'http'} onSessionChanged={restored} />
          ) : onWorkspace ? (
            <BackupsView onRestored={restored} />
          ) : onSchema ? (
            <SchemaEditor onLabelsChanged={setLabels} />
          ) : review?.name === 'review' ? (
            <ReviewView key={review.externalId} externalId={review.externalId} reviewer={annotator} labels={labels} />
          ) : review?.name === 'agreement' ? (
            <AgreementView labels={labels} />
          ) : route.name === 'document' ? (
            <DocumentView key={`${route.externalId}|${annotator}`} externalId={route.externalId} annotator={annotator} labels={labels} />
          ) : (
            <LibraryView key={imports} annotator={annotator} labels={labels} />
          )}
        </Suspense>
      </main>
      <Suspense fallback={null}>
        {annotator && transfer === 'import' && (
          <ImportDialog annotator={annotator} browserMode={info.transport === 'http'} initialPaths={dropped} onClose={() => setTransfer(null)} onImported={imported} />
        )}
        {transfer === 'export' && <ExportDialog labels={labels} browserMode={info.transport === 'http'} onClose={() => setTransfer(null)} />}
      </Suspense>
    </div>
  )
}
