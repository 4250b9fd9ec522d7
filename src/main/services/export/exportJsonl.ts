import fs from 'node:fs'
import path from 'node:path'
import { AppError } from '../../../shared/api/errors'
import { serializeJsonlLine } from '../../../shared/formats/jsonl'
import type { OffsetUnit } from '../../../shared/text/offsets'
import type { Store } from '../../store/store'

export interface ExportOptions {
  /** One annotator's layer; without it every layer is written, one line per document and annotator. */
  annotator?: string
  unit?: OffsetUnit
}

export interface ExportReport {
  lines: number
  spans: number
  relations: number
}

/** Yields the JSONL lines of an export, one document layer at a time. */
export function* jsonlLines(store: Store, opts: ExportOptions = {}): Generator<{ line: string; spans: number; relations: number }> {
  const annotators = opts.annotator ? [store.annotators.byName(opts.annotator)] : store.annotators.list()
  if (opts.annotator && !annotators[0]) throw new AppError('not_found', `no annotator named ${JSON.stringify(opts.annotator)} in this workspace`)
  const docIds = store.db.prepare<[], { id: number }>('SELECT id FROM documents ORDER BY external_id').all()
  const hasLayer = store.db.prepare<[{ doc: number; ann: number }], { n: number }>(
    `SELECT (EXISTS (SELECT 1 FROM spans WHERE document_id = @doc AND annotator_id = @ann)
          OR EXISTS (SELECT 1 FROM document_status WHERE document_id = @doc AND annotator_id = @ann)) AS n`,
  )
  for (const { id } of docIds) {
    const doc = store.documents.byId(id)!
    for (const a of annotators) {
      if (!a) continue
      // With one named annotator every document is written (an empty layer is data too);
      // across all annotators, only the layers that exist.
      if (!opts.annotator && !hasLayer.get({ doc: id, ann: a.id })!.n) continue
      const spans = store.spans.layer(id, a.id)
      const relations = store.relations.layer(id, a.id)
      const line = serializeJsonlLine(
        { externalId: doc.externalId, title: doc.title, text: doc.text, meta: doc.meta, annotator: a.name, spans, relations },
        opts.unit ?? 'codepoint',
      )
      yield { line, spans: spans.length, relations: relations.length }
    }
  }
}

/** Writes a JSONL export to `out` (atomically: a temp file renamed into place). */
export function exportJsonl(store: Store, out: string, opts: ExportOptions = {}): ExportReport {
  fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true })
  const tmp = `${out}.partial-${process.pid}`
  const fd = fs.openSync(tmp, 'w')
  const report: ExportReport = { lines: 0, spans: 0, relations: 0 }
  try {
    for (const l of jsonlLines(store, opts)) {
      fs.writeSync(fd, `${l.line}\n`)
      report.lines++
      report.spans += l.spans
      report.relations += l.relations
    }
    fs.fsyncSync(fd)
  } catch (e) {
    fs.closeSync(fd)
    fs.rmSync(tmp, { force: true })
    throw e
  }
  fs.closeSync(fd)
  fs.renameSync(tmp, out)
  return report
}
