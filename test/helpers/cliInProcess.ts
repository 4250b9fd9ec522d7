import { main } from '../../src/main/cli/main'

/** `spanwright ARGS` run in this process (no spawn: fast), with what it printed to stdout and stderr, line by line. */
export async function cliInProcess(args: string[]): Promise<{ code: number; lines: string[]; errors: string[] }> {
  const lines: string[] = []
  const errors: string[] = []
  const code = await main(args, { log: (l) => lines.push(l), error: (l) => errors.push(l) })
  return { code, lines, errors }
}
