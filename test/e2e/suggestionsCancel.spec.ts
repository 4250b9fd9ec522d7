import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { expect, test } from '@playwright/test'
import { appPerDescribe } from './fixtures'
import { apiCall, openDocument } from './pageHelpers'

/** A hostile model server: headers, then a space every 20 ms for ever. `open()` counts the requests it still holds. */
function tricklingServer(): Promise<{ url: string; received: () => number; open: () => number; close: () => Promise<void> }> {
  let received = 0
  const open = new Set<http.ServerResponse>()
  const server = http.createServer((req, res) => {
    received++
    req.resume()
    open.add(res)
    res.writeHead(200, { 'content-type': 'application/json' })
    const timer = setInterval(() => res.write(' '), 20)
    res.on('close', () => {
      clearInterval(timer)
      open.delete(res)
    })
  })
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo
      resolve({
        url: `http://127.0.0.1:${port}`,
        received: () => received,
        open: () => open.size,
        close: () => {
          server.closeAllConnections()
          return new Promise<void>((r) => server.close(() => r()))
        },
      })
    }),
  )
}

const slowBackend = (url: string) => ({ kind: 'ls-backend', enabled: true, url, timeoutMs: 600_000 })

test.describe('cancelling suggestions from a slow model server', () => {
  const app = appPerDescribe({ annotator: 'carl' })

  test('the document view says it is asking, and Cancel lets the server go and says it stopped', async ({ page }) => {
    const server = await tricklingServer()
    try {
      await apiCall(app, 'recommend.settings.set', { recommenders: [slowBackend(server.url)], threshold: 0 })
      await page.goto(app.url)
      await openDocument(page, app.origin, '000_7488830be606d235')
      await expect(page.getByTestId('suggestions-asking')).toContainText('Asking the recommenders…')
      // The request reaches the model server on its own time: polled, as the other counts here are (a one-shot read raced it under load).
      await expect.poll(() => server.open()).toBe(1)
      await page.getByTestId('cancel-suggestions').click()
      await expect(page.getByTestId('suggestions-stopped')).toContainText('Stopped asking the recommenders')
      await expect(page.getByTestId('suggestions-asking')).toHaveCount(0)
      // The app let go of the request: the server holds nothing any more.
      await expect.poll(() => server.open()).toBe(0)
    } finally {
      await server.close()
    }
  })

  test('Evaluate waiting on a slow server: Cancel stops it, says how far it got, and the scores are not saved', async ({ page }) => {
    const server = await tricklingServer()
    try {
      const doc = (await apiCall(app, 'documents.get', { externalId: '001_5a98d8623b08ebb0' })) as { id: number; text: string }
      const at = doc.text.indexOf('Brussels')
      await apiCall(app, 'spans.create', { documentId: doc.id, annotator: 'carl', label: 'GPE', start: at, end: at + 8 })
      await apiCall(app, 'documents.setStatus', { documentId: doc.id, annotator: 'carl', status: 'done' })
      await apiCall(app, 'recommend.settings.set', { recommenders: [slowBackend(server.url)], threshold: 0 })
      await page.goto(`${app.url}#/recommenders`)
      await page.getByTestId('evaluate-recommenders').click()
      await expect(page.getByTestId('evaluate-recommenders')).toHaveText('Evaluating…')
      await expect.poll(() => server.open()).toBe(1)
      await page.getByTestId('cancel-recommenders-run').click()
      await expect(page.getByTestId('recommenders-summary')).toHaveText('Evaluation cancelled after 0 of 1 steps (each recommender scores each done document once); the saved scores were not changed.')
      await expect(page.getByTestId('cancel-recommenders-run')).toHaveCount(0)
      await expect(page.getByTestId('evaluate-recommenders')).toHaveText('Evaluate')
      await expect.poll(() => server.open()).toBe(0)
      expect(((await apiCall(app, 'recommend.settings.get', {})) as { scores: Record<string, unknown> }).scores).toEqual({})
    } finally {
      await server.close()
    }
  })
})
