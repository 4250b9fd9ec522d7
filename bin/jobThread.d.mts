export interface StopWords {
  command: string
  stopped: string
  forced: string
  tidy?: () => void
}
export declare const IN_JOB_THREAD: Set<string>
export declare const SIGNAL_EXIT: { SIGINT: 130; SIGTERM: 143 }
export declare function optionValue(args: string[], name: string): string | null
export declare function removePartials(out: string, pid?: number): void
export declare function jobCommand(argv: string[]): StopWords | null
export declare function runInJobThread(argv: string[], words: StopWords, where: { root: string; built: boolean }): Promise<number>
