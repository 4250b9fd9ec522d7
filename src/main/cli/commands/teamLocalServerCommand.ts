import type { CliIo } from '../command'
import { startLocalServer } from '../../team/localServer'

/**
 * `team local-server [--dir DIR] [--port N]`: a PostgreSQL with a team
 * database for a quick local try, until Ctrl+C. The admin URL is the only
 * line on stdout (as add-annotator prints a URL), the rest goes to stderr.
 */
export async function localServerFromCli(dir: string | undefined, portText: string | undefined, out: CliIo): Promise<number> {
  const port = portText === undefined ? undefined : Number(portText)
  if (port !== undefined && (!Number.isInteger(port) || port < 1 || port > 65535)) throw new Error(`--port must be 1-65535, not ${portText}`)
  const server = await startLocalServer({ dir, port })
  // Kept until the server is down: a second Ctrl+C while it stops must not end this process first and leave it running.
  let stop = () => undefined as void
  let watch: NodeJS.Timeout | undefined
  const stopped = new Promise<'signal' | 'gone'>((resolve) => {
    stop = () => resolve('signal')
    // Also what keeps this process alive while it waits: a server stopped from outside ends it, saying so.
    watch = setInterval(() => !server.running() && resolve('gone'), 1000)
  })
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
  out.error(
    `PostgreSQL ${server.version} on 127.0.0.1:${server.port}, for a quick local try (a lab runs its own server); ${server.created ? 'made' : 'kept'} in ${server.dir}`,
  )
  out.error(`the team database is ready; its admin URL (it holds the password; the same on every start from this folder):`)
  out.log(server.adminUrl)
  out.error(`next: spanwright team add-annotator alice --server '<the admin URL>'   (Ctrl+C stops the server; its data stays)`)
  const why = await stopped
  clearInterval(watch)
  server.stop()
  process.off('SIGINT', stop)
  process.off('SIGTERM', stop)
  out.error(why === 'gone' ? `PostgreSQL stopped by itself or from outside: its log is ${server.dir}/server.log` : 'PostgreSQL stopped')
  return why === 'gone' ? 1 : 0
}
