import { AppError } from '../../../shared/api/errors'
import { RESERVED_HOTKEYS } from '../../../shared/api/methods/schema'
import type { LabelDeletion, LabelPatch, NewLabelArgs } from '../../../shared/api/methods/schema'
import type { LabelType } from '../../../shared/domain/model'
import type { Store } from '../../store/store'

/**
 * The schema editor's writes. Spans and relations reference labels by id, so a
 * rename or recolour never touches them; only relation constraints, which name
 * entity labels, need rewriting when an entity label is renamed or deleted.
 */

function requireLabel(store: Store, id: number): LabelType {
  const label = store.labels.byId(id)
  if (!label) throw new AppError('not_found', `no label with id ${id}`)
  return label
}

/** Hotkeys compare case-insensitively: Shift is not a different key to a user reading the palette. */
function checkHotkey(store: Store, hotkey: string | null, selfId: number | null): void {
  if (hotkey === null) return
  const reserved = RESERVED_HOTKEYS.find((k) => k.toLowerCase() === hotkey.toLowerCase())
  if (reserved) throw new AppError('conflict', `the key ${JSON.stringify(hotkey)} is reserved by the editor (reserved: ${RESERVED_HOTKEYS.filter((k) => !/^[0-9]$/.test(k)).join(' ')} and the digits)`)
  const owner = store.labels.list().find((l) => l.id !== selfId && l.hotkey?.toLowerCase() === hotkey.toLowerCase())
  if (owner) throw new AppError('conflict', `the key ${JSON.stringify(hotkey)} is already taken by ${owner.name}`)
}

function checkName(store: Store, kind: LabelType['kind'], name: string, selfId: number | null): void {
  const other = store.labels.byName(kind, name)
  if (other && other.id !== selfId) throw new AppError('conflict', `there is already an ${kind} label named ${name}`)
}

/** Head/tail constraints must name entity labels that exist. */
function checkConstraints(store: Store, label: Pick<LabelType, 'kind' | 'headTypes' | 'tailTypes'>): void {
  if (label.kind === 'entity') {
    if (label.headTypes.length || label.tailTypes.length) {
      throw new AppError('bad_request', 'only relation labels have head and tail constraints')
    }
    return
  }
  const entities = new Set(store.labels.list().filter((l) => l.kind === 'entity').map((l) => l.name))
  for (const [side, list] of [['head', label.headTypes], ['tail', label.tailTypes]] as const) {
    const unknown = list.filter((n) => !entities.has(n))
    if (unknown.length) throw new AppError('bad_request', `${side} types name no entity label: ${unknown.join(', ')}`)
  }
}

const dedupe = (xs: string[]) => [...new Set(xs)]

export function createLabel(store: Store, args: NewLabelArgs): LabelType {
  return store.transaction(() => {
    const label = {
      kind: args.kind,
      name: args.name,
      color: args.color.toLowerCase(),
      hotkey: args.hotkey ?? null,
      description: args.description ?? '',
      headTypes: dedupe(args.headTypes ?? []),
      tailTypes: dedupe(args.tailTypes ?? []),
      attributes: args.attributes ?? [],
    }
    checkName(store, label.kind, label.name, null)
    checkHotkey(store, label.hotkey, null)
    checkConstraints(store, label)
    return store.labels.insert(label)
  })
}

export function updateLabel(store: Store, patch: LabelPatch): LabelType {
  return store.transaction(() => {
    const before = requireLabel(store, patch.id)
    const after: LabelType = {
      ...before,
      name: patch.name ?? before.name,
      color: patch.color?.toLowerCase() ?? before.color,
      hotkey: patch.hotkey === undefined ? before.hotkey : patch.hotkey,
      description: patch.description ?? before.description,
      headTypes: patch.headTypes ? dedupe(patch.headTypes) : before.headTypes,
      tailTypes: patch.tailTypes ? dedupe(patch.tailTypes) : before.tailTypes,
      attributes: patch.attributes ?? before.attributes,
    }
    if (after.name !== before.name) checkName(store, after.kind, after.name, after.id)
    if (after.hotkey !== before.hotkey) checkHotkey(store, after.hotkey, after.id)
    store.labels.update(after)
    if (before.kind === 'entity' && after.name !== before.name) {
      rewriteConstraints(store, (names) => names.map((n) => (n === before.name ? after.name : n)))
    }
    checkConstraints(store, after)
    return store.labels.byId(after.id)!
  })
}

/** Applies `fn` to every relation label's head and tail lists, writing only those that change. */
function rewriteConstraints(store: Store, fn: (names: string[]) => string[]): void {
  for (const rel of store.labels.list()) {
    if (rel.kind !== 'relation') continue
    const headTypes = fn(rel.headTypes)
    const tailTypes = fn(rel.tailTypes)
    if (headTypes.join('\0') !== rel.headTypes.join('\0') || tailTypes.join('\0') !== rel.tailTypes.join('\0')) {
      store.labels.update({ ...rel, headTypes, tailTypes })
    }
  }
}

/**
 * Without `confirm`, says what deleting the label would remove and removes
 * nothing. With it, removes the label, its spans, their relations, and the
 * label's name from relation constraints, in one transaction.
 */
export function deleteLabel(store: Store, id: number, confirm: boolean): LabelDeletion {
  return store.transaction(() => {
    const label = requireLabel(store, id)
    const usage = store.labels.usage(id)
    const constraintsIn =
      label.kind === 'entity'
        ? store.labels
            .list()
            .filter((l) => l.kind === 'relation' && (l.headTypes.includes(label.name) || l.tailTypes.includes(label.name)))
            .map((l) => l.name)
        : []
    const report: LabelDeletion = { label: label.name, kind: label.kind, deleted: false, ...usage, constraintsIn }
    if (!confirm) return report
    store.history.retireLabel(id)
    store.labels.delete(id)
    if (constraintsIn.length) rewriteConstraints(store, (names) => names.filter((n) => n !== label.name))
    return { ...report, deleted: true }
  })
}
