import { useCallback, useEffect, useState } from 'react'
import type { AppInfo } from '../../shared/api/methods/session'
import type { LabelType } from '../../shared/domain/model'
import { call } from '../api/client'
import { DocumentView } from '../features/annotate/DocumentView'
import { LibraryView } from '../features/library/LibraryView'
import { AnnotatorGate } from '../features/session/AnnotatorGate'
import { useHashRoute } from './useHashRoute'

export function App() {
  const route = useHashRoute()
  const [info, setInfo] = useState<AppInfo | null>(null)
  const [labels, setLabels] = useState<LabelType[]>([])
  const [error, setError] = useState<string | null>(null)
  const [switching, setSwitching] = useState(false)

  useEffect(() => {
    Promise.all([call('app.info', {}), call('schema.list', {})])
      .then(([i, l]) => {
        setInfo(i)
        setLabels(l)
      })
      .catch((e: Error) => setError(e.message))
  }, [])

  const chooseAnnotator = useCallback(async (name: string) => {
    setInfo(await call('session.setAnnotator', { name }))
    setSwitching(false)
  }, [])

  if (error) return <div className="app-error">Spanwright could not start: {error}</div>
  if (!info) return <div className="app-loading">Opening workspace…</div>

  const annotator = info.annotator
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
          <a href="#/" className={route.name === 'library' ? 'active' : ''}>
            Library
          </a>
        </nav>
        <div className="topbar-right">
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
        {!annotator || switching ? (
          <AnnotatorGate current={annotator} onChoose={chooseAnnotator} onCancel={annotator ? () => setSwitching(false) : undefined} />
        ) : route.name === 'document' ? (
          <DocumentView key={`${route.externalId}|${annotator}`} externalId={route.externalId} annotator={annotator} labels={labels} />
        ) : (
          <LibraryView annotator={annotator} />
        )}
      </main>
    </div>
  )
}
