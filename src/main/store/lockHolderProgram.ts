import fs from 'node:fs'

/**
 * What program a workspace lock's holder is, from its command line, so a refusal can name it: `spanwright serve` in
 * another terminal is not "another window". Read from /proc (Linux); elsewhere, or for a program of another kind
 * (a test's script), null, and the message stays general.
 */
export function lockHolderProgram(pid: number): string | null {
  let argv: string[]
  try {
    argv = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter((a) => a !== '')
  } catch {
    return null
  }
  return programOf(argv)
}

/** The last part of a path, split at either slash whatever the platform (a Windows holder's command line read elsewhere). */
const baseName = (p: string): string => p.split(/[\\/]/u).pop() ?? p

/** `spanwright <command>` for the command line (`node bin/spanwright.mjs serve`, `npx spanwright import …`); the desktop app for Electron's binary. */
export function programOf(argv: string[]): string | null {
  const cli = argv.findIndex((a, i) => i < 3 && /^spanwright(\.mjs|\.js|\.cmd)?$/iu.test(baseName(a)) && !/^(electron|spanwright)(\.exe)?$/iu.test(baseName(argv[0])))
  if (cli >= 0) {
    const command = argv[cli + 1] // `spanwright <command> [options]`
    return command && /^[a-z][a-z-]*$/u.test(command) ? `spanwright ${command}` : 'spanwright'
  }
  if (argv.length && /^(electron|spanwright)(\.exe)?$/iu.test(baseName(argv[0]))) return 'the Spanwright desktop app'
  return null
}
