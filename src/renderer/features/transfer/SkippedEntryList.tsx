import type { SkippedEntry } from '../../../shared/formats/importReport'
import { dialogWords } from './dialogWords'

/** What a folder or ZIP archive holds that is not read (named pipes, broken symlinks, loops, other files), as the CLI lists it. */
export function SkippedEntryList({ entries, testId }: { entries: SkippedEntry[] | undefined; testId: string }) {
  if (!entries?.length) return null
  return (
    <div className="report-notes" data-testid={testId}>
      <h4>Not read</h4>
      <ul>
        {entries.map((x) => (
          <li key={x.file}>
            <code>{x.file}</code>: {dialogWords(x.reason)}
          </li>
        ))}
      </ul>
    </div>
  )
}
