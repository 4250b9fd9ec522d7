import os from 'node:os'
import type { DamagedWorkspaceDetails } from '../store/damagedDatabase'
import { lockHolderProgram } from '../store/lockHolderProgram'
import type { LockHolder } from '../store/workspaceLock'

/** What the user may do when the workspace cannot be opened at startup. */
export type StartupAction = 'restore-latest' | 'start-empty' | 'retry' | 'quit'

export interface StartupChoice {
  label: string
  action: StartupAction
}

/**
 * Why the workspace did not open, said for people, and what to offer. Pure, so
 * the Electron dialog (which cannot run here) and `serve` say the same thing,
 * and a unit test can check what is offered for which error.
 */
export interface StartupProblem {
  kind: 'damaged' | 'locked' | 'other'
  /** One line: the dialog's message. */
  title: string
  /** The full explanation (the dialog's detail; what `serve` prints). */
  detail: string
  /** Buttons in order; the first is the default, and the last is always Quit. */
  choices: StartupChoice[]
  /** The backup `restore-latest` restores, when one is offered. */
  latestBackup: string | null
  /** For a terminal, where there are no buttons: what to run next. */
  hints: string[]
  /** For a terminal, instead of title, detail and hints: the one message, when it already says who, what and what to do. */
  terminal?: string
}

const QUIT: StartupChoice = { label: 'Quit', action: 'quit' }

function damagedDetails(e: unknown): DamagedWorkspaceDetails | null {
  const d = (e as { details?: Partial<DamagedWorkspaceDetails> } | null)?.details
  return d && typeof d.file === 'string' && typeof d.movedTo === 'string' ? (d as DamagedWorkspaceDetails) : null
}

function lockDetails(e: unknown): { lockFile: string; holder: LockHolder | null } | null {
  const d = (e as { details?: { lockFile?: unknown; holder?: LockHolder | null } } | null)?.details
  return d && typeof d.lockFile === 'string' ? { lockFile: d.lockFile, holder: d.holder ?? null } : null
}

/** Decides what to tell and offer for an error thrown while opening the workspace at `file`. */
export function startupProblemOf(error: unknown, file: string): StartupProblem {
  const message = error instanceof Error ? error.message : String(error)
  const damaged = damagedDetails(error)
  if (damaged) {
    const latest = damaged.latestBackup
    return {
      kind: 'damaged',
      title: 'The workspace file is damaged.',
      detail:
        `${message}\n\n` +
        (latest
          ? 'Restore the latest backup, or start with an empty workspace (the damaged file stays where it was moved).'
          : 'Start with an empty workspace; the damaged file stays where it was moved.'),
      choices: [
        ...(latest ? [{ label: 'Restore latest backup', action: 'restore-latest' as const }] : []),
        { label: 'Start with an empty workspace', action: 'start-empty' },
        QUIT,
      ],
      latestBackup: latest,
      hints: [
        ...(latest ? [`to restore the latest backup: spanwright restore --db ${JSON.stringify(damaged.file)} --from ${JSON.stringify(latest)}`] : []),
        `to start with an empty workspace: run this command again (the damaged file stays at ${damaged.movedTo})`,
      ],
    }
  }
  const lock = lockDetails(error)
  if (lock) {
    const who = lock.holder ? `pid ${lock.holder.pid}` : 'another process'
    // The holder named by its command line where it can be read (a `spanwright serve` left running is no window).
    const program = lock.holder && lock.holder.host === os.hostname() ? lockHolderProgram(lock.holder.pid) : null
    const cli = program?.startsWith('spanwright') === true
    return {
      kind: 'locked',
      title: program === null ? `The workspace is open in another window (${who}).` : cli ? `The workspace is in use by ${program} (${who}).` : `The workspace is open in ${program} (${who}).`,
      detail: `${message}\n\n${cli ? 'Stop it' : 'Close it there'}, then try again.`,
      choices: [{ label: 'Try again', action: 'retry' }, QUIT],
      latestBackup: null,
      hints: [program === null ? `close the other window (${who}), then run this command again` : `${cli ? 'stop' : 'close'} ${program} (${who}), then run this command again`],
      // The lock's own message names the file, the holder, what to do and the lock file to delete if it is gone:
      // the title, the dialog's "try again" and the hint would only say it again.
      terminal: message,
    }
  }
  return {
    kind: 'other',
    title: 'Spanwright could not open the workspace.',
    // Our own messages already begin with the file; a bare one gets it in front.
    detail: message.startsWith(file) ? message : `${file}: ${message}`,
    choices: [QUIT],
    latestBackup: null,
    hints: [],
  }
}

/** The whole problem as plain text for a terminal (`serve`, `npm run web`). */
export function startupProblemText(problem: StartupProblem): string {
  if (problem.terminal) return problem.terminal
  return [problem.title, problem.detail, ...problem.hints.map((h) => `  ${h}`)].join('\n')
}
