import os from 'node:os'
import path from 'node:path'

/**
 * A path typed into the import or export dialog, read as a shell on the machine running Spanwright would read it: a
 * leading `~` (`~/corpus`, `~` alone, `~\corpus` on Windows) is the user's home folder, which only a shell expands,
 * and a relative path is taken from the folder Spanwright was started in and made absolute, so a refusal names the
 * place that was looked at (`/home/a/lab/corpus: no such file or folder`, not `corpus: …`).
 */
export function typedServerPath(typed: string, home: string = os.homedir(), cwd: string = process.cwd()): string {
  const tilde = /^~(?=$|[\\/])/u.test(typed)
  return path.resolve(cwd, tilde ? home + typed.slice(1) : typed)
}
