import type { JobStatus } from '../../../shared/api/methods/transfer'
import { desktopCall, isDesktop } from '../../api/desktop'
import { exportedCountText } from '../../../shared/formats/exportedCount'
import { exportedTotalsText } from '../../../shared/formats/exportSummary'
import { writesFolder } from '../../../shared/formats/formatCodec'
import { downloadHref } from './downloadLink'
import { FORMAT_TITLES } from './formatTitles'
import { plural } from './plural'

const fmtBytes = (n: number) => (n < 1024 ? `${n} B` : n < 1024 * 1024 ? `${(n / 1024).toFixed(1)} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`)

interface Props {
  job: JobStatus
  /** Show each file's full path (written to a path), else the download's name. */
  showPaths: boolean
  browserMode: boolean
}

/** An export job's outcome: the files, what the format could not carry, and the documents left out with why. */
export function ExportOutcome({ job, showPaths, browserMode }: Props) {
  // A folder format exported without a path: one ZIP of the whole folder (every split part in it).
  const zipped = job.exportReport && writesFolder(job.exportReport.format) && job.downloads.length === 1 ? job.downloads[0] : undefined
  return (
    <div className="transfer-body" data-testid="export-report">
      {job.state === 'cancelled' && (
        <div className="outcome outcome-cancelled">
          <strong>Export cancelled.</strong> No file was left behind.
        </div>
      )}
      {job.state === 'failed' && (
        <div className="outcome outcome-failed">
          <strong>The export failed.</strong> {job.error?.message}
        </div>
      )}
      {job.exportReport && (
        <>
          <div className="outcome outcome-done">
            <strong>
              Exported {plural(job.exportReport.layers, 'layer')} as {FORMAT_TITLES[job.exportReport.format]}
            </strong>
            <span>
              {' '}
              · {exportedTotalsText(job.exportReport)}
            </span>
          </div>
          <ul className="export-files">
            {job.exportReport.files.map((f, i) => {
              const dl = zipped ? undefined : job.downloads[i]
              return (
                <li key={f.path}>
                  {f.split && <span className="split-tag">{f.split}</span>}
                  <span className="muted num">{exportedCountText(f.written)}</span>
                  {showPaths ? <code title={f.path}>{f.path}</code> : <code>{zipped ? (f.split ? `${zipped.name} › ${f.split}/` : zipped.name) : (dl?.name ?? f.path)}</code>}
                  {!browserMode && isDesktop() && (
                    <button type="button" className="btn btn-small" onClick={() => void desktopCall('desktop.showInFolder', { path: f.path }).catch(() => undefined)}>
                      Show in folder
                    </button>
                  )}
                  {browserMode && dl && (
                    <a className="btn btn-primary btn-small" href={downloadHref(job.id, i)} download={dl.name} data-testid="export-download">
                      Download · {fmtBytes(dl.bytes)}
                    </a>
                  )}
                </li>
              )
            })}
          </ul>
          {browserMode && zipped && (
            <p className="export-zip">
              <span className="muted">One ZIP archive: extracted, it is the folder an export to a path writes</span>
              <a className="btn btn-primary btn-small" href={downloadHref(job.id, 0)} download={zipped.name} data-testid="export-download">
                Download ZIP · {fmtBytes(zipped.bytes)}
              </a>
            </p>
          )}
          {(job.exportReport.leftOut ?? []).length > 0 && (
            <div className="warnings" data-testid="export-left-out">
              <strong>Left out:</strong>
              <ul>
                {job.exportReport.leftOut.map((l) => (
                  <li key={l.reason}>
                    {plural(l.documents, 'document')}: {l.reason}
                  </li>
                ))}
              </ul>
            </div>
          )}
          {job.exportReport.warnings.length > 0 && (
            <div className="warnings" data-testid="export-warnings">
              <strong>Warnings (what the format could not carry, and what to check before using it):</strong>
              <ul>
                {job.exportReport.warnings.map((w) => (
                  <li key={w}>{w}</li>
                ))}
              </ul>
            </div>
          )}
        </>
      )}
    </div>
  )
}
