import './zodWithoutEval'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { initTransport } from './api/client'
import { App } from './app/App'
import './styles/app.css'

initTransport()
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
)
