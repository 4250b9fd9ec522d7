import { documentIdProblem, UNUSABLE_ATTRIBUTE_NAME, UNUSABLE_ATTRIBUTE_REASON } from '../../../shared/domain/model'
import type { LabelType } from '../../../shared/domain/model'
import { RESERVED_HOTKEYS } from '../../../shared/api/methods/schema'
import type { ImportRecord, LineError } from '../../../shared/formats/importRecord'
import { labelNameProblem, labelRefusal } from '../../../shared/formats/labelMap'
import { textHash } from '../../../shared/text/textHash'
import type { Store } from '../../store/store'

export interface ValidatorOptions {
  annotator: string | null
  /** Labels not in the schema are collected to be added, instead of refused. */
  addLabels?: boolean
}

/**
 * Checks import records one at a time against the store and against the
 * records before them in the same import (so a big import never needs to
 * hold its records): labels in the schema, relation constraints, an existing
 * document's text. Keeps only a text hash per document id.
 */
export class RecordValidator {
  private readonly labels: Map<string, LabelType>
  private readonly entityLabels: Set<string>
  /** externalId -> text hash, for every document a record that passed fixes in this import. */
  readonly seenText = new Map<string, string>()
  /** externalId -> row id, for the documents of passed records that were already in the store (the writer looks no others up). */
  readonly existing = new Map<string, number>()
  /** With addLabels: labels to add, by kind, in the order first seen. */
  readonly newEntityLabels = new Set<string>()
  readonly newRelationLabels = new Set<string>()
  /** Names not in the schema, checked once each against its naming rule (null: fine). */
  private readonly nameProblems = new Map<string, string | null>()

  constructor(
    private readonly store: Store,
    private readonly opts: ValidatorOptions,
  ) {
    const all = store.labels.list()
    this.labels = new Map(all.map((l) => [`${l.kind}:${l.name}`, l]))
    this.entityLabels = new Set(all.filter((l) => l.kind === 'entity').map((l) => l.name))
  }

  /** The store's documents for the records about to be checked, looked up in one query (`lookAhead`), or null. */
  private ahead: Map<string, { id: number; textHash: string }> | null = null

  /**
   * Looks up, in one query, the documents of the records checked next (until the next call): one query per
   * slice instead of one per record. Their checks must run in the same read transaction as this call.
   */
  lookAhead(externalIds: string[]): void {
    this.ahead = this.store.documents.hashesByExternalIds(externalIds)
  }

  /**
   * A label the schema does not have must still be a name the schema can hold: every reader (XMI, WebAnno
   * TSV, jsonl…) ends here, and --add-labels would otherwise add what the schema editor refuses.
   */
  private nameProblem(label: string): string | null {
    let problem = this.nameProblems.get(label)
    if (problem === undefined) this.nameProblems.set(label, (problem = labelNameProblem(label)))
    return problem
  }

  /** Every fault of one record (empty when it can be written). */
  check(r: ImportRecord & { file: string }): LineError[] {
    const errors: LineError[] = []
    const fail = (reason: string) => errors.push({ file: r.file, line: r.line, reason, ...(r.place ? { place: r.place } : {}) })
    // Every reader's id (a field, a file name, XMI's documentId, a manifest's) ends here: one rule for all.
    const idProblem = documentIdProblem(r.externalId)
    if (idProblem) {
      fail(idProblem)
      return errors
    }
    const hash = textHash(r.text)
    const earlier = this.seenText.get(r.externalId)
    let existingId: number | null = null
    if (earlier !== undefined) {
      if (earlier !== hash) fail(`document ${JSON.stringify(r.externalId)} appears earlier in this import with different text`)
    } else {
      // The hash first (no text read); the text itself only when the hashes agree.
      const existing = this.ahead ? (this.ahead.get(r.externalId) ?? null) : this.store.documents.hashByExternalId(r.externalId)
      if (existing) {
        existingId = existing.id
        if (existing.textHash !== hash || this.store.documents.byId(existing.id)?.text !== r.text) {
          fail(`document ${JSON.stringify(r.externalId)} already exists with different text`)
        }
      }
    }
    if (errors.length) return errors
    const annotator = r.annotator ?? this.opts.annotator
    if (!annotator && (r.spans.length || r.relations.length)) {
      fail('the record has spans but no annotator; give one in the file, or pass --annotator')
      return errors
    }
    // JSON.parse (and the readers' own objects) can hold it as an own key: stored, the API could never edit that span.
    const unusable = (items: { attributes: object }[], what: string) =>
      items.forEach((x, i) => Object.hasOwn(x.attributes ?? {}, UNUSABLE_ATTRIBUTE_NAME) && fail(`${what}[${i}].attributes: ${UNUSABLE_ATTRIBUTE_REASON}`))
    unusable(r.spans, 'spans')
    unusable(r.relations, 'relations')
    for (let i = 0; i < r.spans.length; i++) {
      const label = r.spans[i].label
      if (this.entityLabels.has(label)) continue
      const problem = this.nameProblem(label)
      if (problem) fail(labelRefusal(`spans[${i}]`, label, problem))
      else if (this.opts.addLabels) this.newEntityLabels.add(label)
      else fail(`spans[${i}]: label ${JSON.stringify(label)} is not an entity label in the schema (pass --add-labels to add it)`)
    }
    r.relations.forEach((rel, i) => {
      const type = this.labels.get(`relation:${rel.label}`)
      if (!type) {
        const problem = this.nameProblem(rel.label)
        if (problem) fail(labelRefusal(`relations[${i}]`, rel.label, problem))
        else if (this.opts.addLabels) this.newRelationLabels.add(rel.label)
        else fail(`relations[${i}]: label ${JSON.stringify(rel.label)} is not a relation label in the schema (pass --add-labels to add it)`)
        return
      }
      const head = r.spans[rel.head]?.label
      const tail = r.spans[rel.tail]?.label
      if (head === undefined || tail === undefined) return fail(`relations[${i}]: refers to a span that is not in the record`)
      if (type.headTypes.length && !type.headTypes.includes(head)) {
        fail(`relations[${i}]: ${rel.label} does not allow a ${head} head (allowed: ${type.headTypes.join(', ')})`)
      }
      if (type.tailTypes.length && !type.tailTypes.includes(tail)) {
        fail(`relations[${i}]: ${rel.label} does not allow a ${tail} tail (allowed: ${type.tailTypes.join(', ')})`)
      }
    })
    // Only a record that will be written fixes its document's text for the records after it.
    if (!errors.length) {
      // textHash answers a flat string (see there): held for every document of a million-line import.
      this.seenText.set(r.externalId, hash)
      if (existingId !== null) this.existing.set(r.externalId, existingId)
    }
    return errors
  }
}

/** A distinct, readable colour for a label added by an import (hue from the name's hash). */
export function generatedColor(name: string): string {
  let h = 0x811c9dc5
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193)
  const hue = (h >>> 0) % 360
  const [s, l] = [0.62, 0.72]
  const f = (n: number) => {
    const k = (n + hue / 30) % 12
    const c = l - s * Math.min(l, 1 - l) * Math.max(-1, Math.min(k - 3, 9 - k, 1))
    return Math.round(c * 255).toString(16).padStart(2, '0')
  }
  return `#${f(0)}${f(8)}${f(4)}`
}

/** How another workspace defines a label (its colour, key, description, constraints and attributes). */
export type LabelDefinitions = (kind: LabelType['kind'], name: string) => LabelType | null

/**
 * Adds the labels an import collected with addLabels: with a generated colour and no key (relation labels allow any
 * head and tail), or, from another workspace (`defined`), as that workspace defines them, its key kept when no label
 * here has it and the editor does not reserve it, and its constraints kept to the entity labels this schema has.
 */
export function addCollectedLabels(store: Store, v: RecordValidator, defined: LabelDefinitions = () => null): string[] {
  const added: string[] = []
  for (const [kind, names] of [['entity', v.newEntityLabels], ['relation', v.newRelationLabels]] as const) {
    for (const name of names) {
      if (store.labels.byName(kind, name)) continue
      const def = defined(kind, name)
      const entity = (n: string) => store.labels.byName('entity', n) !== null
      store.labels.insert(
        def
          ? { kind, name, color: def.color, hotkey: freeHotkey(store, def.hotkey), description: def.description, headTypes: def.headTypes.filter(entity), tailTypes: def.tailTypes.filter(entity), attributes: def.attributes }
          : { kind, name, color: generatedColor(name), hotkey: null, description: 'added by an import', headTypes: [], tailTypes: [], attributes: [] },
      )
      added.push(`${kind} ${name}`)
    }
  }
  return added
}

/** A key another workspace gave a label, if it is free here (keys compare case-insensitively, as the editor's do). */
function freeHotkey(store: Store, key: string | null): string | null {
  if (key === null) return null
  const same = (k: string | null) => k !== null && k.toLowerCase() === key.toLowerCase()
  return RESERVED_HOTKEYS.some(same) || store.labels.list().some((l) => same(l.hotkey)) ? null : key
}
