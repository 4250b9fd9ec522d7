import './zodWithoutEval'
import { StrictMode } from 'react'
import { flushSync } from 'react-dom'
import { createRoot } from 'react-dom/client'
import { initTransport } from './api/client'
import { App, firstScreenOrAfter } from './app/App'
import './styles/app.css'

// The app's bundle has loaded and run (tests and benchmarks compare the boot script's requests with it).
performance.mark('spanwright:app-start')
// app/boot.ts ran first and started the first screen's reads; this is a no-op then (kept for a page without it).
initTransport()
// The first render is the first screen itself when its reads and code are in quickly (one render instead of
// a placeholder and a second one); after 250 ms the placeholder shows and the screen follows.
// Rendered synchronously (flushSync): the first commit's effects (the document's first paint of spans, the
// hotkeys) then run in the same task, not after a frame that would lay out and paint the page without them.
void firstScreenOrAfter(250).then(() => {
  const root = createRoot(document.getElementById('root')!)
  flushSync(() =>
    root.render(
      <StrictMode>
        <App />
      </StrictMode>,
    ),
  )
})
