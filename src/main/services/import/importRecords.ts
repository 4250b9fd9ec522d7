import type { LineError } from '../../../shared/formats/importRecord'
import { textHash } from '../../../shared/text/textHash'
import type { Store } from '../../store/store'
import { importError } from './readFiles'
import type { SourcedRecord } from './readFiles'

export interface ImportOptions {
  /** The layer's annotator for records that do not name one. */
  annotator: string | null
}

export interface ImportReport {
  linesRead: number
  imported: number
  rejected: number
  documentsAdded: number
  layersAdded: number
  spansAdded: number
  spansSkipped: number
  relationsAdded: number
}

type Key = string
const spanKey = (start: number, end: number, label: string): Key => `${start}:${end}:${label}`

/**
 * Validates every record against the store (labels in the schema, relation
 * constraints, existing documents' text), then writes all of them in one
 * transaction. Any fault fails the whole import with every bad line listed,
 * and nothing is written.
 *
 * A record whose document already exists with the same text adds its
 * annotator's layer; spans and relations already in that layer are skipped,
 * so importing the same file twice changes nothing.
 */
export function importRecords(store: Store, records: SourcedRecord[], opts: ImportOptions): ImportReport {
  const errors = validateRecords(store, records, opts)
  if (errors.length) throw importError(errors, records.length)
  return writeRecords(store, records, opts)
}

/** Checks records against the store without writing; returns every fault found. */
export function validateRecords(store: Store, records: SourcedRecord[], opts: ImportOptions): LineError[] {
  const errors: LineError[] = []
  const labels = new Map(store.labels.list().map((l) => [`${l.kind}:${l.name}`, l]))
  const seenText = new Map<string, string>() // externalId -> hash within this import

  for (const r of records) {
    const fail = (reason: string) => errors.push({ file: r.file, line: r.line, reason })
    const hash = textHash(r.text)
    const existing = store.documents.byExternalId(r.externalId)
    if (existing && (existing.textHash !== hash || existing.text !== r.text)) {
      fail(`document ${JSON.stringify(r.externalId)} already exists with different text`)
      continue
    }
    const earlier = seenText.get(r.externalId)
    if (earlier !== undefined && earlier !== hash) {
      fail(`document ${JSON.stringify(r.externalId)} appears earlier in this import with different text`)
      continue
    }
    seenText.set(r.externalId, hash)
    const annotator = r.annotator ?? opts.annotator
    if (!annotator && (r.spans.length || r.relations.length)) {
      fail('the line has spans but no "annotator" field; give one, or pass --annotator')
      continue
    }
    r.spans.forEach((s, i) => {
      if (!labels.has(`entity:${s.label}`)) fail(`spans[${i}]: label ${JSON.stringify(s.label)} is not an entity label in the schema`)
    })
    r.relations.forEach((rel, i) => {
      const type = labels.get(`relation:${rel.label}`)
      if (!type) return fail(`relations[${i}]: label ${JSON.stringify(rel.label)} is not a relation label in the schema`)
      const head = r.spans[rel.head].label
      const tail = r.spans[rel.tail].label
      if (type.headTypes.length && !type.headTypes.includes(head)) {
        fail(`relations[${i}]: ${rel.label} does not allow a ${head} head (allowed: ${type.headTypes.join(', ')})`)
      }
      if (type.tailTypes.length && !type.tailTypes.includes(tail)) {
        fail(`relations[${i}]: ${rel.label} does not allow a ${tail} tail (allowed: ${type.tailTypes.join(', ')})`)
      }
    })
  }
  return errors
}

/** Writes validated records in one transaction. */
export function writeRecords(store: Store, records: SourcedRecord[], opts: ImportOptions): ImportReport {
  const labels = new Map(store.labels.list().map((l) => [`${l.kind}:${l.name}`, l]))
  const report: ImportReport = {
    linesRead: records.length,
    imported: records.length,
    rejected: 0,
    documentsAdded: 0,
    layersAdded: 0,
    spansAdded: 0,
    spansSkipped: 0,
    relationsAdded: 0,
  }
  store.transaction(() => {
    for (const r of records) {
      let doc = store.documents.byExternalId(r.externalId)
      if (!doc) {
        store.documents.insert({ externalId: r.externalId, title: r.title, text: r.text, meta: r.meta })
        doc = store.documents.byExternalId(r.externalId)!
        report.documentsAdded++
      }
      const annotatorName = r.annotator ?? opts.annotator
      if (!annotatorName) continue
      const annotator = store.annotators.ensure(annotatorName)
      const present = store.spans.layer(doc.id, annotator.id)
      if (r.spans.length && present.length === 0) report.layersAdded++
      const idByKey = new Map(present.map((s) => [spanKey(s.start, s.end, s.label), s.id]))
      const rowIds: number[] = []
      for (const s of r.spans) {
        const key = spanKey(s.start, s.end, s.label)
        const found = idByKey.get(key)
        if (found !== undefined) {
          rowIds.push(found)
          report.spansSkipped++
          continue
        }
        const id = store.spans.insert({
          documentId: doc.id,
          annotatorId: annotator.id,
          labelId: labels.get(`entity:${s.label}`)!.id,
          start: s.start,
          end: s.end,
          fragments: s.fragments,
          attributes: s.attributes,
          note: s.note,
          norm: s.norm,
          sourceId: s.sourceId,
        })
        idByKey.set(key, id)
        rowIds.push(id)
        report.spansAdded++
      }
      const presentRel = new Set(
        store.relations.layer(doc.id, annotator.id).map((x) => `${x.headId}>${x.tailId}:${x.label}`),
      )
      for (const rel of r.relations) {
        const headId = rowIds[rel.head]
        const tailId = rowIds[rel.tail]
        const key = `${headId}>${tailId}:${rel.label}`
        if (presentRel.has(key)) continue
        presentRel.add(key)
        store.relations.insert({
          documentId: doc.id,
          annotatorId: annotator.id,
          labelId: labels.get(`relation:${rel.label}`)!.id,
          headId,
          tailId,
          attributes: rel.attributes,
          note: rel.note,
          sourceId: rel.sourceId,
        })
        report.relationsAdded++
      }
      if (r.status) store.documents.setStatus(doc.id, annotator.id, r.status)
    }
  })
  return report
}
