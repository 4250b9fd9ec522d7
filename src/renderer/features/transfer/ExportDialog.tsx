import { useEffect, useState } from 'react'
import { EXPORT_FORMAT_NAMES } from '../../../shared/api/methods/transfer'
import type { JobStatus } from '../../../shared/api/methods/transfer'
import type { Annotator, DocStatus, LabelType } from '../../../shared/domain/model'
import type { ConllDocstart, FormatName } from '../../../shared/formats/formatCodec'
import { writesFolder } from '../../../shared/formats/formatCodec'
import { exportUnit } from '../../../shared/formats/exportTraits'
import { call } from '../../api/client'
import { desktopCall, isDesktop } from '../../api/desktop'
import { ConllDocstartField } from './ConllDocstartField'
import { ExportOutcome } from './ExportOutcome'
import { GoldChangedNotice } from './GoldChangedNotice'
import { FORMAT_TITLES } from './formatTitles'
import { JobProgress } from './JobProgress'
import { ExportOffsetsField } from './ExportOffsetsField'
import { TransferDialog } from './TransferDialog'
import { useTransferJob } from './useTransferJob'
import './transfer.css'

interface Props {
  labels: LabelType[]
  browserMode: boolean
  onClose: () => void
}

const STATUS_TITLES: Record<DocStatus, string> = { todo: 'To do', in_progress: 'In progress', done: 'Done' }

/**
 * Export: format, which layers (every layer, one annotator's, or gold; by
 * status; by label), offsets and an optional seeded split; written as a
 * background job to a path, or in browser mode to a file offered for download
 * (a folder format: one ZIP of the folder's files).
 * Only layers that exist are written (no empty record for a document an
 * annotator never opened); gold takes documents whose review is done unless
 * "include unreviewed" is ticked. The outcome says how many were left out and why.
 */
export function ExportDialog({ labels, browserMode, onClose }: Props) {
  const [format, setFormat] = useState<FormatName>('jsonl')
  const [layer, setLayer] = useState('') // '' every layer, '\u0000gold' the gold layer, else an annotator
  const [annotators, setAnnotators] = useState<Annotator[]>([])
  const [status, setStatus] = useState<DocStatus | ''>('')
  const [includeUnreviewed, setIncludeUnreviewed] = useState(false)
  const [picked, setPicked] = useState<string[]>([])
  const [offsets, setOffsets] = useState<'codepoint' | 'utf16'>('codepoint')
  const [docstart, setDocstart] = useState<ConllDocstart>('columns')
  const [splitOn, setSplitOn] = useState(false)
  const [split, setSplit] = useState('train=0.8,dev=0.1,test=0.1')
  const [seed, setSeed] = useState(13)
  const [out, setOut] = useState('')
  const [error, setError] = useState<string | null>(null)
  const { job, start, cancel } = useTransferJob()

  useEffect(() => {
    call('annotators.list', {})
      .then(setAnnotators)
      .catch(() => setAnnotators([]))
  }, [])

  const entityLabels = labels.filter((l) => l.kind === 'entity')
  const toFolder = writesFolder(format)
  const needsPath = !browserMode
  const running = job?.state === 'running'

  async function run() {
    setError(null)
    try {
      const gold = layer === '\u0000gold'
      start(
        await call('transfer.export', {
          format,
          out: out.trim() || null,
          annotator: gold || !layer ? null : layer,
          gold,
          includeUnreviewed: gold && includeUnreviewed,
          status: status || null,
          labels: picked,
          offsets: exportUnit(format, offsets),
          split: splitOn ? split : null,
          seed,
          conllDocstart: format === 'conll' ? docstart : 'columns',
        }),
      )
    } catch (e) {
      setError((e as Error).message)
    }
  }

  const toggle = (name: string) => setPicked((p) => (p.includes(name) ? p.filter((x) => x !== name) : [...p, name]))
  const footer = !job ? (
    <>
      <button type="button" className="btn" onClick={onClose}>
        Cancel
      </button>
      <button type="button" className="btn btn-primary" disabled={needsPath && !out.trim()} onClick={() => void run()} data-testid="export-start">
        Export
      </button>
    </>
  ) : !running ? (
    <button type="button" className="btn btn-primary" onClick={onClose} data-testid="export-done">
      Close
    </button>
  ) : null
  return (
    <TransferDialog
      titleId="export-title"
      title="Export a dataset"
      intro="One record per document and annotator layer that exists (opened, marked or imported; never an empty record for an unopened document); offsets count code points unless you choose UTF-16."
      running={running}
      onClose={onClose}
      footer={footer}
    >
      {!job && (
        <div className="transfer-body">
          <section className="transfer-section options-grid">
            <label className="field">
              <span>Format</span>
              <select value={format} onChange={(e) => setFormat(e.target.value as FormatName)} data-testid="export-format">
                {EXPORT_FORMAT_NAMES.map((f) => (
                  <option key={f} value={f}>
                    {FORMAT_TITLES[f]}
                  </option>
                ))}
              </select>
            </label>
            <ExportOffsetsField format={format} value={offsets} onChange={setOffsets} />
            {format === 'conll' && <ConllDocstartField value={docstart} onChange={setDocstart} />}
            <label className="field">
              <span>Layers</span>
              <select value={layer} onChange={(e) => setLayer(e.target.value)} data-testid="export-layer">
                <option value="">Every annotator's layer</option>
                {annotators.some((a) => a.kind === 'gold') && <option value={'\u0000gold'}>Gold layer (adjudicated)</option>}
                {annotators
                  .filter((a) => a.kind !== 'gold')
                  .map((a) => (
                    <option key={a.id} value={a.name}>
                      {a.name}
                    </option>
                  ))}
              </select>
            </label>
            {layer === '\u0000gold' && (
              <label className="check">
                <input type="checkbox" checked={includeUnreviewed} onChange={(e) => setIncludeUnreviewed(e.target.checked)} data-testid="export-include-unreviewed" />
                <span>
                  Include documents still in review <small className="muted">by default only documents whose review is done</small>
                </span>
              </label>
            )}
            {layer === '\u0000gold' && <GoldChangedNotice />}
            <label className="field">
              <span>Document status</span>
              <select value={status} onChange={(e) => setStatus(e.target.value as DocStatus | '')}>
                <option value="">Any status</option>
                {(Object.keys(STATUS_TITLES) as DocStatus[]).map((s) => (
                  <option key={s} value={s}>
                    {STATUS_TITLES[s]}
                  </option>
                ))}
              </select>
            </label>
          </section>

          <section className="transfer-section">
            <h4>
              Labels <span className="muted">· {picked.length ? `${picked.length} chosen; relations between kept spans stay` : 'all'}</span>
            </h4>
            <div className="label-picks">
              {entityLabels.map((l) => (
                <button
                  type="button"
                  key={l.id}
                  className={`label-pick${picked.includes(l.name) ? ' on' : ''}`}
                  style={{ ['--c' as string]: l.color }}
                  aria-pressed={picked.includes(l.name)}
                  onClick={() => toggle(l.name)}
                >
                  <span className="swatch" />
                  {l.name}
                </button>
              ))}
            </div>
          </section>

          <section className="transfer-section split-row">
            <label className="check">
              <input type="checkbox" checked={splitOn} onChange={(e) => setSplitOn(e.target.checked)} data-testid="export-split-on" />
              <span>
                Split by document <small className="muted">one file per part, the same on every export with this seed</small>
              </span>
            </label>
            {splitOn && (
              <div className="split-fields">
                <input className="mono" value={split} onChange={(e) => setSplit(e.target.value)} aria-label="Split shares" />
                <label>
                  seed <input type="number" min={0} value={seed} onChange={(e) => setSeed(Math.max(0, Math.floor(Number(e.target.value) || 0)))} />
                </label>
              </div>
            )}
          </section>

          <section className="transfer-section">
            <label className="field">
              <span>
                Write to {toFolder ? 'a folder' : 'a file'} on {browserMode ? 'the computer running Spanwright' : 'this computer'}
                {!needsPath && ' (optional)'}
                {toFolder && browserMode && (
                  <small className="muted field-why" data-testid="export-out-why">
                    {' '}
                    · left empty, {FORMAT_TITLES[format]} downloads as one ZIP of the folder's files
                  </small>
                )}
              </span>
              <input
                className="mono"
                value={out}
                spellCheck={false}
                onChange={(e) => setOut(e.target.value)}
                placeholder={needsPath ? (toFolder ? `/data/export/${format}` : '/data/export/dataset.jsonl') : toFolder ? 'leave empty to download a ZIP' : 'leave empty to download the file'}
                data-testid="export-out"
              />
            </label>
            {!browserMode && isDesktop() && (
              <button
                type="button"
                className="btn"
                onClick={() => void desktopCall('desktop.chooseExportPath', { format }).then((r) => r.path && setOut(r.path), (e: Error) => setError(e.message))}
              >
                Save as…
              </button>
            )}
          </section>
          {error && (
            <p className="form-error transfer-error" role="alert">
              {error}
            </p>
          )}
        </div>
      )}

      {job && running && (
        <div className="transfer-body">
          <JobProgress job={job} unit="layers" onCancel={() => void cancel()} />
        </div>
      )}
      {job && !running && <ExportOutcome job={job} showPaths={!!out.trim() || !browserMode} browserMode={browserMode} />}
    </TransferDialog>
  )
}
