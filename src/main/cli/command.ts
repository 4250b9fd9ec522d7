import type { ParseArgsConfig } from 'node:util'

export interface CliIo {
  log(line: string): void
  error(line: string): void
}

export interface CliCommand {
  name: string
  usage: string
  summary: string
  options: NonNullable<ParseArgsConfig['options']>
  /** Takes arguments besides its options (files, a subcommand); any other command refuses a stray one. */
  positionals?: true
  run(input: { values: Record<string, string | boolean | undefined>; positionals: string[]; out: CliIo }): Promise<number>
}
