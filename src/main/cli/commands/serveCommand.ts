import fs from 'node:fs'
import path from 'node:path'
import { createHandlers } from '../../api/handlers'
import { startHttpServer } from '../../http/httpServer'
import { appRoot } from '../../workspace/paths'
import { appVersion } from '../appVersion'
import type { CliCommand } from '../command'
import { openWorkspace } from '../workspaceOption'

export const serveCommand: CliCommand = {
  name: 'serve',
  usage: 'serve [--db FILE] [--port N]',
  summary: 'serve the app to your browser on 127.0.0.1 (--port 0 picks a free port)',
  options: { db: { type: 'string' }, port: { type: 'string', default: '0' } },
  async run({ values, out }) {
    const port = Number(values.port)
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0-65535, not ${values.port}`)
    const staticDir = path.resolve(appRoot(), process.env.SPANWRIGHT_OUT ?? 'out', 'renderer')
    if (!fs.existsSync(path.join(staticDir, 'index.html'))) {
      throw new Error(`the app is not built (${staticDir} is missing): run \`npm run web\`, or \`npm run build\` first`)
    }
    const store = await openWorkspace(values.db as string | undefined, { samples: true })
    const handlers = createHandlers({ store, version: appVersion(), transport: 'http' })
    const server = await startHttpServer({ handlers, staticDir, port })
    out.log(`Spanwright at ${server.url}`)
    out.log(`workspace: ${store.file}`)
    await new Promise<void>((resolve) => {
      const stop = () => resolve()
      process.once('SIGINT', stop)
      process.once('SIGTERM', stop)
    })
    await server.close()
    store.close()
    return 0
  },
}
