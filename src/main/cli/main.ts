import { parseArgs } from 'node:util'
import { isAppError } from '../../shared/api/errors'
import { pathRefusalText, plainStorageError, storageReasonText } from '../store/storageErrors'
import { isBusyError } from '../store/writeProbe'
import { appVersion } from './appVersion'
import { printableMessage } from './printable'
import type { CliCommand, CliIo } from './command'
import { agreementCommand } from './commands/agreementCommand'
import { backupCommand } from './commands/backupCommand'
import { checkCommand } from './commands/checkCommand'
import { exportCommand } from './commands/exportCommand'
import { importCommand } from './commands/importCommand'
import { restoreCommand } from './commands/restoreCommand'
import { reviewCommand } from './commands/reviewCommand'
import { serveCommand } from './commands/serveCommand'
import { syncCommand } from './commands/syncCommand'
import { teamCommand } from './commands/teamCommand'
import { suggestCommand } from './commands/suggestCommand'
import { runCommand } from './stopWords'
import { workspaceFileOf } from './workspaceOption'

type ParsedToken = NonNullable<ReturnType<typeof parseArgs>['tokens']>[number]

/** Every command, in the order --help lists them. */
export const commands: CliCommand[] = [importCommand, exportCommand, agreementCommand, reviewCommand, serveCommand, backupCommand, restoreCommand, checkCommand, suggestCommand, teamCommand, syncCommand]

const consoleIo: CliIo = { log: (l) => console.log(l), error: (l) => console.error(l) }

export function helpText(): string {
  const lines = [
    `spanwright ${appVersion()}: annotate entities and relations, review, and export datasets`,
    '',
    'Usage: spanwright <command> [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.usage}\n      ${c.summary}`),
    '',
    '--db defaults to the workspace the desktop app uses.',
    'Offsets in files are Unicode code points unless a line or option says utf16.',
  ]
  return lines.join('\n')
}

/**
 * An error as a plain sentence. The disk's own refusals (ENOSPC, EROFS, …) from a
 * Node call name the path and say what happened in words, never `ENOSPC: …, write`.
 */
export function plainMessage(e: unknown, workspaceFile?: string): string {
  if (isAppError(e)) return e.message
  const { code, path: where, syscall } = (e ?? {}) as { code?: unknown; path?: unknown; syscall?: unknown }
  const reason = storageReasonText(e)
  // ENOENT keeps Node's own words: "no such file or directory" already says it plainly.
  const refusal = pathRefusalText(e)
  if (refusal) return refusal
  // A folder that cannot be made (on /proc, or its parent removed meanwhile) is the output's, not the workspace's.
  if (code === 'ENOENT' && syscall === 'mkdir' && typeof where === 'string') return `${where}: could not make that folder there.`
  // SQLite's bare "database is locked" named neither the file nor who holds it: another process kept the write lock past the busy timeout.
  if (isBusyError(e) && workspaceFile) {
    return `${workspaceFile}: another program holds this workspace's write lock (SQLite: database is locked), so this command stopped; try again when that program has finished writing, or close it.`
  }
  // SQLite's own (SQLITE_FULL, SQLITE_READONLY, …) name no file: it is the workspace's.
  if (reason && workspaceFile) return (plainStorageError(e, workspaceFile, 'finish', { unchanged: false }) as Error).message
  return e instanceof Error ? e.message : String(e)
}

/**
 * The command line as the process runs it (bin/spanwright.mjs): main(), with a long job in its own thread and
 * Ctrl+C answered with what became of the workspace (stopWords.ts). Tests that call main() run it in-process.
 */
export async function runCommandLine(argv: string[], terminal: CliIo = consoleIo): Promise<number> {
  const cmd = commands.find((c) => c.name === argv[0])
  if (!cmd) return main(argv, terminal)
  const io: CliIo = { log: (l) => terminal.log(l), error: (l) => terminal.error(printableMessage(l)) }
  return runCommand(cmd, argv, io, () => main(argv, terminal))
}

/** `rethrow`: a failure it matches is thrown, not said (the job thread's stop, which the main thread words). */
export async function main(argv: string[], terminal: CliIo = consoleIo, opts: { rethrow?: (e: unknown) => boolean } = {}): Promise<number> {
  // Every error line passes here: a typed argument or an imported id quoted in a message is shown escaped, never
  // as a live ESC sequence. stdout (data: --json, URLs, listings) is the commands' own.
  const io: CliIo = { log: (l) => terminal.log(l), error: (l) => terminal.error(printableMessage(l)) }
  const [name, ...rest] = argv
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.log(helpText())
    return name ? 0 : 1
  }
  if (name === '--version' || name === '-v') {
    io.log(appVersion())
    return 0
  }
  const cmd = commands.find((c) => c.name === name)
  if (!cmd) {
    io.error(`spanwright: unknown command ${JSON.stringify(name)}\n\n${helpText()}`)
    return 2
  }
  // After `--` every word is an argument: `import -- --help` imports a file named --help.
  const options = rest.includes('--') ? rest.slice(0, rest.indexOf('--')) : rest
  if (options.includes('--help') || options.includes('-h')) {
    io.log(`Usage: spanwright ${cmd.usage}\n  ${cmd.summary}`)
    return 0
  }
  let parsed: { values: Record<string, string | boolean | undefined>; positionals: string[]; tokens: ParsedToken[] }
  try {
    parsed = parseArgs({ args: rest, options: cmd.options, allowPositionals: true, strict: true, tokens: true }) as typeof parsed
  } catch (e) {
    io.error(`spanwright ${cmd.name}: ${(e as Error).message}\nUsage: spanwright ${cmd.usage}`)
    return 2
  }
  // parseArgs keeps the last of a repeated option: `--labels PER --labels ORG` would export ORG alone, `--db a --db b` use b.
  const given = new Map<string, string>()
  for (const t of parsed.tokens) {
    if (t.kind !== 'option' || t.value === undefined) continue
    // An empty value (an unset shell variable: --from "$BACKUP") would read as the option left out: the latest backup, the cwd.
    if (!t.value.trim()) {
      io.error(`spanwright ${cmd.name}: --${t.name} is given an empty value; give one, or leave the option out\nUsage: spanwright ${cmd.usage}`)
      return 2
    }
    if (cmd.options[t.name]?.multiple) continue
    const before = given.get(t.name)
    if (before !== undefined && before !== t.value) {
      io.error(`spanwright ${cmd.name}: --${t.name} is given twice (${JSON.stringify(before)}, then ${JSON.stringify(t.value)}) and takes one value; give it once\nUsage: spanwright ${cmd.usage}`)
      return 2
    }
    given.set(t.name, t.value)
  }
  if (!cmd.positionals && parsed.positionals.length) {
    // Ignored, a workspace named without --db would leave the command working on the app's own workspace.
    const [arg] = parsed.positionals
    const hint = 'db' in cmd.options && !arg.startsWith('-') ? ` (to name the workspace: --db ${JSON.stringify(arg)})` : ''
    io.error(`spanwright ${cmd.name}: unexpected argument ${JSON.stringify(arg)}; ${cmd.name} takes only options${hint}\nUsage: spanwright ${cmd.usage}`)
    return 2
  }
  try {
    return await cmd.run({ ...parsed, out: io })
  } catch (e) {
    if (opts.rethrow?.(e)) throw e
    const workspaceFile = 'db' in cmd.options ? workspaceFileOf(parsed.values.db as string | undefined) : undefined
    const message = plainMessage(e, workspaceFile)
    io.error(`spanwright ${cmd.name}: ${notUtf8Argument(rest, message) ?? message}`)
    return 1
  }
}

/**
 * Node decodes the arguments as UTF-8 and puts U+FFFD for bytes that are not (a file name in Latin-1 or Shift JIS):
 * such a path then reads as "no such file", though the file is there. When the failure names such an argument, this
 * says what happened instead; a U+FFFD truly typed is told the same way, as it cannot be told apart.
 */
function notUtf8Argument(args: string[], message: string): string | null {
  const arg = args.find((a) => a.includes('\ufffd') && message.includes(a.replace(/^--[^=]+=/u, '')))
  if (arg === undefined) return null
  return (
    `the argument ${JSON.stringify(arg)} held bytes that are not UTF-8 (Node reads arguments as UTF-8 and turned them into U+FFFD), ` +
    'so the file or folder it names cannot be found by that name; rename it to a UTF-8 name (e.g. convmv -f latin1 -t utf8), or pass the folder that holds it'
  )
}
