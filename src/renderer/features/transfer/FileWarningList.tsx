import type { FileWarning } from '../../../shared/formats/importReport'
import { dialogWords } from './dialogWords'

/** How files were read where their text may be wrong (a UTF-8 file read as Latin-1, a BOM over the encoding chosen), as the CLI's `warning:` lines. */
export function FileWarningList({ warnings, testId }: { warnings: FileWarning[] | undefined; testId: string }) {
  if (!warnings?.length) return null
  return (
    <div className="report-notes file-warnings" data-testid={testId}>
      <h4>Check the encoding</h4>
      <ul>
        {warnings.map((w) => (
          <li key={`${w.file}\u0000${w.reason}`}>
            <code>{w.file.split(/[\\/]/).pop()}</code>: {dialogWords(w.reason)}
          </li>
        ))}
      </ul>
    </div>
  )
}
