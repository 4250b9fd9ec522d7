import './zodWithoutEval'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { initTransport } from './api/client'
import { App } from './app/App'
import './styles/app.css'

// The app's bundle has loaded and run (tests and benchmarks compare the boot script's requests with it).
performance.mark('spanwright:app-start')
// app/boot.ts ran first and started the first screen's reads; this is a no-op then (kept for a page without it).
initTransport()
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
)
