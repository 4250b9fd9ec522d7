import './zodWithoutEval'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { initTransport } from './api/client'
import { prefetch } from './api/prefetch'
import { parseHash } from './app/useHashRoute'
import { App } from './app/App'
import './styles/app.css'

initTransport()
// A start on a document's link: ask for the document now, beside the app's first calls and the editor's code.
const start = parseHash(window.location.hash)
if (start.name === 'document') prefetch('documents.get', { externalId: start.externalId })
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
)
