import type { ImportPreviewResult } from '../../../shared/api/methods/transfer'
import { FORMAT_TITLES } from './formatTitles'
import { faultListTitle } from '../../../shared/formats/faultListTitle'
import { FileWarningList } from './FileWarningList'
import { LineErrorList } from './LineErrorList'
import { SkippedEntryList } from './SkippedEntryList'

/**
 * The first records of an import as they would be read (nothing written yet), and the bad lines among them. A record
 * that names no annotator shows the layer it will go to: the dialog's "Annotator for records without one" (`given`).
 */
export function ImportPreviewTable({ preview, given }: { preview: ImportPreviewResult; given: string | null }) {
  const formats = [...new Set(preview.sources.map((s) => FORMAT_TITLES[s.format]))]
  return (
    <section className="transfer-section preview" data-testid="import-preview-table">
      <h4>
        Preview <span className="muted">· first records, read as {formats.join(', ') || 'nothing'}; nothing is written yet</span>
      </h4>
      {preview.records.length > 0 ? (
        <table className="preview-table">
          <thead>
            <tr>
              <th>Line</th>
              <th>Document</th>
              <th>Text</th>
              <th>Annotator</th>
              <th className="num">Spans</th>
              <th className="num">Rel.</th>
            </tr>
          </thead>
          <tbody>
            {preview.records.map((r) => (
              <tr key={`${r.file}:${r.line}`}>
                <td className="mono muted">{r.line}</td>
                <td className="mono doc-id" title={r.documentId}>
                  {r.documentId}
                </td>
                <td className="text-head" title={r.textHead}>
                  {r.textHead}
                </td>
                <td>
                  {r.annotator ??
                    (given && r.spans + r.relations > 0 ? (
                      <span title="Given as the annotator for records without one" data-annotator-given="">
                        {given}
                      </span>
                    ) : (
                      <span className="muted">—</span>
                    ))}
                </td>
                <td className="num">{r.spans}</td>
                <td className="num">{r.relations}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="muted">No readable records among the first lines.</p>
      )}
      <FileWarningList warnings={preview.warnings} testId="import-preview-warnings" />
      <LineErrorList errors={preview.errors} title={`${faultListTitle(preview.errors)} among the first records`} />
      <SkippedEntryList entries={preview.skipped} testId="import-preview-skipped" />
    </section>
  )
}
