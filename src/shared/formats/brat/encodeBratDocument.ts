import type { AttributeValue, Relation, Span } from '../../domain/model'
import { OffsetConverter } from '../../text/offsets'
import type { ExportLayer } from '../formatCodec'
import { NORM_TYPE, NOTE_TYPE, oneLine } from './annLine'
import { bratStyleOf } from './bratMeta'
/** brat reads a type, role or attribute name as one word without `:` (`TYPE:ID`, `NAME ID VALUE`). */
const carriable = (name: string): boolean => /^[^\s:]+$/u.test(name)
const oneWord = (s: string): string => s.replace(/[\s:]+/gu, '_')

/**
 * One document layer as brat standoff: the text as-is, and an `.ann` with T
 * lines for spans, E lines for events and their role relations, R lines for
 * binary relations, `*` lines for equivalence sets, then A (or M), N and `#`
 * lines. Ids are numbered afresh in that order (T1, T2, ...), so the output is
 * deterministic. The inverse of decodeBratDocument.
 *
 * `warn` hears of what brat cannot carry (a name with a space or `:`), which
 * is written with `_` in its place, or for an attribute name, left out.
 */
export function encodeBratDocument(layer: ExportLayer, warn: (message: string) => void = () => {}): { txt: string; ann: string } {
  const conv = new OffsetConverter(layer.text)
  const cp = (utf16: number): number => conv.toCodePoint(utf16) ?? utf16
  const out: string[] = []
  const word = (what: string, name: string): string => {
    if (carriable(name)) return name
    warn(`brat cannot carry the ${what} ${JSON.stringify(name)} (a space or ":"): written with "_" in its place`)
    return oneWord(name)
  }

  const style = bratStyleOf(layer.meta)
  const inLayer = new Set(layer.spans.map((s) => s.id))
  // An event with a trigger span of its own in this layer writes only an E line, naming that span's T line.
  const triggerOf = (s: Span): number | null => (s.kind === 'trigger' && s.triggerId != null && inLayer.has(s.triggerId) ? s.triggerId : null)
  const tId = new Map<number, string>()
  for (const s of layer.spans) if (triggerOf(s) === null) tId.set(s.id, `T${tId.size + 1}`)
  // A span heading event roles is an event, whatever its kind says (a layer built elsewhere may not mark it): its roles are written, never dropped.
  const roleHeads = new Set(layer.relations.filter((r) => r.kind === 'role').map((r) => r.headId))
  const events = layer.spans.filter((s) => s.kind === 'trigger' || roleHeads.has(s.id))
  const eId = new Map<number, string>()
  events.forEach((s, i) => eId.set(s.id, `E${i + 1}`))
  // How lines refer to a span: an event by its E id, anything else by its T id.
  const ref = (spanId: number): string => eId.get(spanId) ?? tId.get(spanId)!

  for (const s of layer.spans) {
    if (!tId.has(s.id)) continue
    const frags = s.fragments ?? [[s.start, s.end]]
    const offsets = frags.map(([a, b]) => `${cp(a)} ${cp(b)}`).join(';')
    const text = frags.map(([a, b]) => layer.text.slice(a, b)).join(' ')
    out.push(`${tId.get(s.id)}\t${word('type', s.label)} ${offsets}\t${oneLine(text)}`)
  }

  const roles = new Map<number, Relation[]>()
  for (const r of layer.relations) {
    if (r.kind !== 'role') continue
    const list = roles.get(r.headId)
    if (list) list.push(r)
    else roles.set(r.headId, [r])
  }
  for (const s of events) {
    const args = (roles.get(s.id) ?? []).map((r) => ` ${word('role', r.label)}:${ref(r.tailId)}`).join('')
    // As brat writes it: a space after the trigger even when no argument follows.
    out.push(`${eId.get(s.id)}\t${word('type', s.label)}:${tId.get(triggerOf(s) ?? s.id)}${args || (style.eventSpace ? ' ' : '')}`)
  }

  const rId = new Map<number, string>()
  const binary = layer.relations.filter((r) => r.kind === 'binary')
  binary.forEach((r, i) => {
    rId.set(r.id, `R${i + 1}`)
    // brat writes an empty field after a relation's arguments.
    const [headRole, tailRole] = style.relationRoles.get(r.label) ?? ['Arg1', 'Arg2']
    out.push(`R${i + 1}\t${word('type', r.label)} ${headRole}:${ref(r.headId)} ${tailRole}:${ref(r.tailId)}${style.relationTab ? '\t' : ''}`)
  })

  for (const set of equivalenceSets(layer.relations)) out.push(`*\t${word('type', set.label)} ${set.members.map(ref).join(' ')}`)

  // What A, M, N and # lines can name: spans (T or E) and binary relations (R).
  const annotated: { id: string; item: Span | Relation }[] = [
    ...layer.spans.map((s) => ({ id: ref(s.id), item: s as Span | Relation })),
    ...binary.map((r) => ({ id: rId.get(r.id)!, item: r as Span | Relation })),
  ]
  const asModification = style.modifications
  let a = 0
  let m = 0
  for (const { id, item } of annotated) {
    for (const [name, value] of Object.entries(item.attributes)) {
      if (value === false) continue // a binary attribute's absence
      if (!carriable(name)) {
        warn(`brat cannot carry the attribute name ${JSON.stringify(name)} (a space or ":"): left out`)
        continue
      }
      if (value === true) out.push(asModification.has(name) ? `M${++m}\t${name} ${id}` : `A${++a}\t${name} ${id}`)
      else {
        const written = attributeValue(value)
        // brat reads the rest of an A line as one value word: whitespace in it cannot be written, and is said.
        if (written !== String(value)) warn(`brat cannot carry whitespace in the attribute value ${JSON.stringify(String(value))} of ${JSON.stringify(name)} (a value is one word): written as ${JSON.stringify(written)}`)
        out.push(`A${++a}\t${name} ${id} ${written}`)
      }
    }
  }
  let n = 0
  for (const s of layer.spans) {
    if (s.norm) out.push(`N${++n}\t${NORM_TYPE} ${ref(s.id)} ${s.norm}\t${oneLine(s.normText ?? '')}`)
  }
  let c = 0
  for (const { id, item } of annotated) {
    const type = style.noteTypes.get(item.sourceId ?? '') ?? style.noteType
    if (item.note) out.push(`#${++c}\t${carriable(type) ? type : NOTE_TYPE} ${id}\t${oneLine(item.note)}`)
  }
  return { txt: layer.text, ann: out.length ? `${out.join('\n')}\n` : '' }
}

/** A value is one word on an A line. */
function attributeValue(value: AttributeValue): string {
  return String(value).replace(/\s+/g, '_')
}

/**
 * Equivalence relations as `*` lines. Links read from one `*` line (their
 * source ids `*<line>-<n>`) make that line again, in its order, even where two
 * lines share a member; other links are grouped into sets per label
 * (connected components), members in the order they first appear.
 */
function equivalenceSets(relations: Relation[]): { label: string; members: number[] }[] {
  const read = new Map<string, { label: string; members: number[] }>()
  const rest: Relation[] = []
  for (const r of relations) {
    if (r.kind !== 'equiv') continue
    const line = r.sourceId ? /^\*(\d+)-\d+$/.exec(r.sourceId) : null
    const key = line ? `${r.label}\u0000${line[1]}` : null
    const set = key === null ? undefined : read.get(key)
    if (key === null) rest.push(r)
    else if (!set) read.set(key, { label: r.label, members: [r.headId, r.tailId] })
    else if (set.members[set.members.length - 1] === r.headId) set.members.push(r.tailId)
    else rest.push(r) // no longer a chain (edited since): joined with the sets below
  }
  return [...read.values(), ...componentSets(rest)]
}

/** Equivalence links grouped into sets per label (connected components). */
function componentSets(relations: Relation[]): { label: string; members: number[] }[] {
  const sets: { label: string; members: number[] }[] = []
  const setOf = new Map<string, { label: string; members: number[] }>() // `${label}:${spanId}` -> set
  for (const r of relations) {
    if (r.kind !== 'equiv') continue
    const h = setOf.get(`${r.label}:${r.headId}`)
    const t = setOf.get(`${r.label}:${r.tailId}`)
    if (h && t && h !== t) {
      // Two sets joined by this link: merge the later into the earlier.
      const [keep, drop] = sets.indexOf(h) < sets.indexOf(t) ? [h, t] : [t, h]
      for (const m of drop.members) {
        keep.members.push(m)
        setOf.set(`${r.label}:${m}`, keep)
      }
      sets.splice(sets.indexOf(drop), 1)
      continue
    }
    const set = h ?? t ?? { label: r.label, members: [] }
    if (!h && !t) sets.push(set)
    // A span made equivalent to itself (`*<TAB>Equiv T63 T63`, in BioNLP data): written as read.
    if (!h && r.headId === r.tailId) set.members.push(r.headId)
    for (const m of [r.headId, r.tailId]) {
      if (!setOf.has(`${r.label}:${m}`)) {
        set.members.push(m)
        setOf.set(`${r.label}:${m}`, set)
      }
    }
  }
  return sets
}
