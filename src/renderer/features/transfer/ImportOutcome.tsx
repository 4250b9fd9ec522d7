import type { JobStatus } from '../../../shared/api/methods/transfer'
import { importFaultSummary } from '../../../shared/formats/importRecord'
import { faultListTitle } from '../../../shared/formats/faultListTitle'
import { noteLines } from '../../../shared/formats/importReport'
import { FileWarningList } from './FileWarningList'
import { LineErrorList } from './LineErrorList'
import { plural } from './plural'
import { SkippedEntryList } from './SkippedEntryList'
import { dialogWords } from './dialogWords'

/** What an import job came to: cancelled, failed with its bad lines, or done with its counts. */
export function ImportOutcome({ job }: { job: JobStatus }) {
  if (job.state === 'cancelled') {
    return (
      <div className="outcome outcome-cancelled" data-testid="import-report">
        <strong>Import cancelled.</strong> Nothing was written.
      </div>
    )
  }
  if (job.state === 'failed' || !job.importReport) {
    const bad = job.error?.errors ?? []
    // A failed import's message repeats the bad lines; they are listed below, so only its first line is shown.
    const why =
      bad.length && job.error?.linesRead !== null
        ? `${importFaultSummary(bad, job.error!.linesRead!)}. Fix them, or import with “Skip invalid records”.`
        : dialogWords((job.error?.message ?? 'The import failed.').split('\n')[0])
    return (
      <div data-testid="import-report">
        <div className="outcome outcome-failed">
          <strong>Nothing was imported.</strong> {why}
        </div>
        <LineErrorList errors={bad} title={faultListTitle(bad)} />
        {/* The files the failed import passed over, with why, as the CLI prints them before its error. */}
        <SkippedEntryList entries={job.error?.skipped} testId="import-skipped" />
      </div>
    )
  }
  const r = job.importReport
  return (
    <div data-testid="import-report">
      <div className="outcome outcome-done">
        <strong>
          Imported {r.imported.toLocaleString()} of {plural(r.linesRead, 'record')}
        </strong>
        {r.rejected > 0 && <span> · {r.rejected.toLocaleString()} rejected</span>}
      </div>
      <dl className="report-stats">
        {(
          [
            ['New documents', r.documentsAdded],
            ['New layers', r.layersAdded],
            ['Spans added', r.spansAdded],
            ['Already present', r.spansSkipped],
            ['Relations added', r.relationsAdded],
          ] as const
        ).map(([title, n]) => (
          <div key={title}>
            <dt>{title}</dt>
            <dd>{n.toLocaleString()}</dd>
          </div>
        ))}
      </dl>
      {r.labelsAdded.length > 0 && <p className="muted">Labels added to the schema: {r.labelsAdded.join(', ')}</p>}
      {/* What the files held besides spans and relations (document structure, rejected tasks, predictions…), as the CLI prints it. */}
      {r.notes && Object.keys(r.notes).length > 0 && (
        <div className="report-notes" data-testid="import-notes">
          <h4>Also in the files, not imported as annotations</h4>
          <ul>
            {noteLines(r.notes).map((line) => (
              <li key={line}>{line}</li>
            ))}
            {r.remarks?.map((x) => (
              <li key={`${x.file}\u0000${x.reason}`}>
                <code>{x.file.split(/[\\/]/).pop()}</code>: {dialogWords(x.reason)}
              </li>
            ))}
          </ul>
        </div>
      )}
      <SkippedEntryList entries={r.skipped} testId="import-skipped" />
      <FileWarningList warnings={r.warnings} testId="import-warnings" />
      <LineErrorList errors={r.errors} title={`Skipped: ${faultListTitle(r.errors)}`} />
    </div>
  )
}
