// The browser mode shared by `npm run web` and `npm start` (when the desktop window
// cannot run): build, serve on 127.0.0.1, print the address, open the system browser.
import { spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import readline from 'node:readline'

/** The command that opens a URL in the user's browser here, or null (then the address is only printed). */
export function browserOpener(env = process.env, platform = process.platform) {
  // SPANWRIGHT_BROWSER overrides (a command; empty or "none" turns opening off).
  if (env.SPANWRIGHT_BROWSER !== undefined) {
    const cmd = env.SPANWRIGHT_BROWSER.trim()
    return cmd && cmd !== 'none' ? { cmd, args: [] } : null
  }
  if (platform === 'darwin') return { cmd: 'open', args: [] }
  if (platform === 'win32') return { cmd: 'cmd', args: ['/c', 'start', '""'] }
  // Without a display xdg-open would start a text browser in this very terminal.
  if (!env.DISPLAY && !env.WAYLAND_DISPLAY) return null
  const onPath = (env.PATH ?? '').split(path.delimiter).some((d) => d && fs.existsSync(path.join(d, 'xdg-open')))
  return onPath ? { cmd: 'xdg-open', args: [] } : null
}

function openBrowser(url) {
  const opener = browserOpener()
  if (!opener) {
    console.error('No browser to open here: open the address above yourself.')
    return
  }
  try {
    const child = spawn(opener.cmd, [...opener.args, url], { stdio: 'ignore', detached: true })
    child.on('error', (e) => console.error(`Could not open a browser (${opener.cmd}: ${e.message}): open the address above yourself.`))
    child.unref()
  } catch (e) {
    console.error(`Could not open a browser (${opener.cmd}: ${e.message}): open the address above yourself.`)
  }
}

/**
 * Where `spanwright serve` runs, so a relative `--db` names a file where the user typed the command: npm runs
 * scripts in the package's folder and says where it was called from in INIT_CWD.
 */
export function serveWorkingDir(env = process.env, cwd = process.cwd()) {
  return env.INIT_CWD && path.isAbsolute(env.INIT_CWD) && fs.existsSync(env.INIT_CWD) ? env.INIT_CWD : cwd
}

/**
 * Builds the app (its output goes to stderr), then runs `spanwright serve ARGS`.
 * The server's lines pass through to stdout; at `Spanwright at URL` the browser opens.
 */
export function serveInBrowser(root, args) {
  const build = spawnSync(process.execPath, [path.join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
  })
  if (build.status !== 0) {
    process.stderr.write(build.stdout ?? '')
    console.error('The build failed; see above.')
    process.exit(build.status ?? 1)
  }
  // The command line's build too (it starts the server faster); without it the sources run, so a failure only warns.
  const cli = spawnSync(process.execPath, [path.join(root, 'scripts', 'buildCli.mjs')], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' })
  if (cli.status !== 0) console.error(`The command line was not built (it runs from the sources): ${(cli.stderr ?? '').trim()}`)
  const child = spawn(process.execPath, [path.join(root, 'bin', 'spanwright.mjs'), 'serve', ...args], { cwd: serveWorkingDir(), stdio: ['inherit', 'pipe', 'inherit'] })
  let opened = false
  readline.createInterface({ input: child.stdout }).on('line', (line) => {
    process.stdout.write(`${line}\n`)
    const url = /^Spanwright at (http:\/\/\S+)/.exec(line)?.[1]
    if (url && !opened) {
      opened = true
      openBrowser(url)
    }
  })
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig))
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)))
}
