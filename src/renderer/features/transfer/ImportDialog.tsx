import { useEffect, useRef, useState } from 'react'
import { IMPORT_FORMAT_NAMES } from '../../../shared/api/methods/transfer'
import type { ImportFormat, ImportPreviewResult, JobStatus } from '../../../shared/api/methods/transfer'
import { call } from '../../api/client'
import { desktopCall, isDesktop } from '../../api/desktop'
import { uploadFiles } from './fileUpload'
import { typedPaths as pastedPaths } from './typedPaths'
import { FORMAT_TITLES } from './formatTitles'
import { ImportOutcome } from './ImportOutcome'
import { ImportPreviewTable } from './ImportPreviewTable'
import { JobProgress } from './JobProgress'
import { OffsetsField } from './OffsetsField'
import { EncodingField } from './EncodingField'
import type { EncodingChoice } from './EncodingField'
import { IMPORT_FILE_EXTENSIONS } from '../../../shared/formats/fileExtensions'
import { TransferDialog } from './TransferDialog'
import { useTransferJob } from './useTransferJob'
import './transfer.css'
import { dialogWords } from './dialogWords'

interface Props {
  /** The annotator in the app: offered as the layer's name for records without one. */
  annotator: string
  browserMode: boolean
  onClose: () => void
  /** After an import that wrote something: the library reloads. */
  onImported: () => void
  /** Paths to start with (files dropped on the desktop window). */
  initialPaths?: string[]
}

/**
 * Import: files uploaded from the browser or paths on the machine running
 * Spanwright; format (detected or chosen), the layer's annotator, offsets and
 * policy; a preview of the first records before anything is written; then a
 * background job with progress and cancel, and its report.
 */
export function ImportDialog({ annotator, browserMode, onClose, onImported, initialPaths }: Props) {
  const [files, setFiles] = useState<File[]>([])
  const [pathText, setPathText] = useState(() => (initialPaths ?? []).join('\n'))
  const [format, setFormat] = useState<ImportFormat | ''>('')
  const [layerName, setLayerName] = useState(annotator)
  const [offsets, setOffsets] = useState<'codepoint' | 'utf16'>('codepoint')
  const [encoding, setEncoding] = useState<EncodingChoice>({ name: 'utf-8', force: false })
  const [skipInvalid, setSkipInvalid] = useState(false)
  const [addLabels, setAddLabels] = useState(false)
  const [renames, setRenames] = useState('')
  const [uploaded, setUploaded] = useState<{ key: string; paths: string[] } | null>(null)
  const [preview, setPreview] = useState<ImportPreviewResult | null>(null)
  const [busy, setBusy] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const { job, start, cancel, reset } = useTransferJob((j: JobStatus) => j.state === 'done' && onImported())
  const fileInput = useRef<HTMLInputElement>(null)

  const typedPaths = pastedPaths(pathText)
  const filesKey = files.map((f) => `${f.name}:${f.size}:${f.lastModified}`).join('|')
  const ready = files.length > 0 || typedPaths.length > 0
  const running = job?.state === 'running'

  // Any change of input or reading options makes the preview stale.
  useEffect(() => setPreview(null), [filesKey, pathText, format, offsets, encoding, layerName, addLabels, renames])

  /** Desktop: the native open dialog hands over paths (read in place, no upload, no size cap). */
  async function chooseNative() {
    try {
      const { paths: chosen } = await desktopCall('desktop.chooseImportFiles')
      if (chosen.length) setPathText((t) => [...t.split('\n').filter((l) => l.trim()), ...chosen].join('\n'))
    } catch (e) {
      setError((e as Error).message)
    }
  }

  /** Uploads (once per choice of files) and returns every path the job reads. */
  async function paths(): Promise<string[]> {
    let up = uploaded?.key === filesKey ? uploaded.paths : null
    if (!up && files.length) {
      setBusy('Uploading…')
      up = await uploadFiles(files)
      setUploaded({ key: filesKey, paths: up })
    }
    return [...(up ?? []), ...typedPaths]
  }

  async function run(what: 'preview' | 'import') {
    setError(null)
    try {
      const p = await paths()
      // UTF-8 is the default, sent as none: a workspace file, which takes no encoding, stays importable.
      const common = { paths: p, format: format || null, offsets, encoding: encoding.name === 'utf-8' || !encoding.name ? null : encoding.name, forceEncoding: encoding.force }
      const labelMap = renames.split('\n').map((l) => l.trim()).filter(Boolean)
      if (what === 'preview') {
        setBusy('Reading the first records…')
        // With the layer name and label policy, so the preview names the faults the import would (unknown labels too).
        setPreview(await call('transfer.preview', { ...common, annotator: layerName.trim() || null, addLabels, labelMap, limit: 8 }))
      } else {
        setBusy('Starting…')
        start(await call('transfer.import', { ...common, annotator: layerName.trim() || null, skipInvalid, addLabels, labelMap }))
      }
    } catch (e) {
      setError((e as Error).message)
    } finally {
      setBusy(null)
    }
  }

  const finished = job && job.state !== 'running'
  const footer = (
    <>
      {busy && <span className="muted busy">{busy}</span>}
      {!job ? (
        <>
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="btn" disabled={!ready || !!busy} onClick={() => void run('preview')} data-testid="import-preview">
            Preview
          </button>
          <button type="button" className="btn btn-primary" disabled={!ready || !!busy} onClick={() => void run('import')} data-testid="import-start">
            Import
          </button>
        </>
      ) : finished ? (
        <>
          {job.state !== 'done' && (
            <button type="button" className="btn" onClick={reset} data-testid="import-back">
              Back to the options
            </button>
          )}
          <button type="button" className="btn btn-primary" onClick={onClose} data-testid="import-done">
            Close
          </button>
        </>
      ) : null}
    </>
  )
  return (
    <TransferDialog
      titleId="import-title"
      title="Import documents and layers"
      intro="Every record is checked before anything is written; a failed or cancelled import changes nothing."
      running={running}
      onClose={onClose}
      footer={footer}
    >
      {!job && (
        <div className="transfer-body">
          <section className="transfer-section">
            <h4>Files</h4>
            <div className="drop-row">
              <button type="button" className="btn" onClick={() => (isDesktop() ? void chooseNative() : fileInput.current?.click())}>
                Choose files…
              </button>
              <input
                ref={fileInput}
                type="file"
                multiple
                hidden
                data-testid="import-upload"
                accept={IMPORT_FILE_EXTENSIONS.join(',')}
                onChange={(e) => setFiles([...(e.target.files ?? [])])}
              />
              <span className="muted">{files.length ? files.map((f) => `${f.name} (${(f.size / 1024).toFixed(1)} KB)`).join(', ') : 'No file chosen'}</span>
            </div>
            <label className="field">
              <span>Or paths on {browserMode ? 'the computer running Spanwright' : 'this computer'}, one per line</span>
              <textarea
                rows={2}
                value={pathText}
                spellCheck={false}
                placeholder="/data/corpus/alice.jsonl   ·   a brat folder   ·   other.spanwright"
                onChange={(e) => setPathText(e.target.value)}
                data-testid="import-paths"
              />
              <small className="muted">
                {browserMode
                  ? 'The browser cannot hand over paths from disk: these are read by the Spanwright server. Uploads are limited to 32 MB; give bigger files, folders and workspace files by path.'
                  : 'Files, folders (read recursively) or another .spanwright workspace.'}
              </small>
            </label>
          </section>

          <section className="transfer-section options-grid">
            <label className="field">
              <span>Format</span>
              <select value={format} onChange={(e) => setFormat(e.target.value as ImportFormat | '')} data-testid="import-format">
                <option value="">Detect from each file</option>
                {IMPORT_FORMAT_NAMES.map((f) => (
                  <option key={f} value={f}>
                    {FORMAT_TITLES[f]}
                  </option>
                ))}
              </select>
            </label>
            <label className="field">
              <span>Annotator for records without one</span>
              <input value={layerName} onChange={(e) => setLayerName(e.target.value)} placeholder="none" data-testid="import-annotator" />
            </label>
            <OffsetsField label="Offsets in the file" value={offsets} onChange={setOffsets} />
            <EncodingField value={encoding} onChange={setEncoding} />
            <div className="checks">
              <label className="check">
                <input type="checkbox" checked={skipInvalid} onChange={(e) => setSkipInvalid(e.target.checked)} data-testid="import-skip-invalid" />
                <span>
                  Skip invalid records <small className="muted">import the rest, list the bad lines</small>
                </span>
              </label>
              <label className="check">
                <input type="checkbox" checked={addLabels} onChange={(e) => setAddLabels(e.target.checked)} />
                <span>
                  Add missing labels <small className="muted">to the schema, with generated colours</small>
                </span>
              </label>
            </div>
            <label className="field wide">
              <span>Rename labels, one per line</span>
              <textarea rows={1} value={renames} spellCheck={false} placeholder="Named Entity=NAMED_ENTITY" onChange={(e) => setRenames(e.target.value)} data-testid="import-renames" />
              <small className="muted">For labels the file’s tool allowed and a schema cannot hold (spaces, “:”), as the CLI’s --map-label.</small>
            </label>
          </section>

          {preview && <ImportPreviewTable preview={preview} given={layerName.trim() || null} />}
          {error && (
            <p className="form-error transfer-error" role="alert" data-testid="import-error">
              {dialogWords(error)}
            </p>
          )}
        </div>
      )}

      {job && running && (
        <div className="transfer-body">
          <JobProgress job={job} unit="records" onCancel={() => void cancel()} />
        </div>
      )}
      {finished && (
        <div className="transfer-body">
          <ImportOutcome job={job} />
        </div>
      )}
    </TransferDialog>
  )
}
