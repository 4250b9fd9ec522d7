import fs from 'node:fs'
import path from 'node:path'
import { startHttpServer } from '../../http/httpServer'
import { appRoot, defaultWorkspaceFile } from '../../workspace/paths'
import { startupProblemOf, startupProblemText } from '../../workspace/startupProblem'
import { appVersion } from '../appVersion'
import type { CliCommand } from '../command'
import { ApiWorkerHost } from '../../worker/apiWorkerHost'
import { openWorkspace } from '../workspaceOption'

export const serveCommand: CliCommand = {
  name: 'serve',
  usage: 'serve [--db FILE] [--port N]',
  summary: 'serve the app to your browser on 127.0.0.1 (--port 0 picks a free port)',
  options: { db: { type: 'string' }, port: { type: 'string', default: '0' } },
  async run({ values, out }) {
    // Digits only: Number() also reads 0x50 (port 80) and 1e3 (port 1000).
    const port = /^\d+$/.test(String(values.port)) ? Number(values.port) : NaN
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0-65535, not ${values.port}`)
    const staticDir = path.resolve(appRoot(), process.env.SPANWRIGHT_OUT ?? 'out', 'renderer')
    if (!fs.existsSync(path.join(staticDir, 'index.html'))) {
      throw new Error(`the app is not built (${staticDir} is missing): run \`npm run web\`, or \`npm run build\` first`)
    }
    let store
    try {
      store = await openWorkspace(values.db as string | undefined, { samples: true })
    } catch (e) {
      // A damaged or locked workspace: the same message the desktop app shows, and what to run instead of its buttons.
      out.error(startupProblemText(startupProblemOf(e, path.resolve((values.db as string | undefined) ?? defaultWorkspaceFile()))))
      return 1
    }
    // Opened here first so a damaged or locked workspace is reported as above; the API worker then owns it,
    // so SQL (a big import included) never runs on the thread that answers the sockets.
    const file = store.file
    store.close()
    const host = new ApiWorkerHost(
      { file, version: appVersion(), transport: 'http', openOptions: {} },
      { onCrash: (why, restarting) => out.error(`spanwright serve: ${why}; ${restarting ? 'restarting it' : 'not restarting it again'}`) },
    )
    try {
      await host.start()
    } catch (e) {
      out.error(startupProblemText(startupProblemOf(e, file)))
      await host.close()
      return 1
    }
    let server: Awaited<ReturnType<typeof startHttpServer>>
    try {
      server = await startHttpServer({ call: host.wireCall, download: host.download, staticDir, port })
    } catch (e) {
      // The API worker is running: left open, it kept the process alive after the error, for ever.
      await host.close()
      if ((e as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw e
      out.error(`spanwright serve: port ${port} on 127.0.0.1 is in use by another program; choose another --port (0 picks a free one)`)
      return 1
    }
    // Listening before the URL is printed: a SIGTERM sent as soon as it is read still closes the workspace cleanly.
    const stopped = new Promise<void>((resolve) => {
      const stop = () => resolve()
      process.once('SIGINT', stop)
      process.once('SIGTERM', stop)
    })
    out.log(`Spanwright at ${server.url}`)
    out.log(`workspace: ${file}`)
    await stopped
    await server.close()
    await host.close()
    return 0
  },
}
