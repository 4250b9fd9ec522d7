import type { AttributeValue, Relation, Span } from '../../domain/model'
import { OffsetConverter } from '../../text/offsets'
import type { ExportLayer } from '../formatCodec'
import { NORM_TYPE, NOTE_TYPE } from './annLine'

/** brat fields are tab-separated and one line each: free text keeps its words, never a tab or newline. */
const oneLine = (s: string): string => s.replace(/[\t\r\n]+/g, ' ')

/**
 * One document layer as brat standoff: the text as-is, and an `.ann` with T
 * lines for spans, E lines for trigger spans and their role relations, R lines
 * for binary relations, `*` lines for equivalence sets, then A, N and `#`
 * lines. Ids are numbered afresh in that order (T1, T2, ...), so the output is
 * deterministic. The inverse of decodeBratDocument.
 */
export function encodeBratDocument(layer: ExportLayer): { txt: string; ann: string } {
  const conv = new OffsetConverter(layer.text)
  const cp = (utf16: number): number => conv.toCodePoint(utf16) ?? utf16
  const out: string[] = []

  const tId = new Map<number, string>()
  layer.spans.forEach((s, i) => tId.set(s.id, `T${i + 1}`))
  const triggers = layer.spans.filter((s) => s.kind === 'trigger')
  const eId = new Map<number, string>()
  triggers.forEach((s, i) => eId.set(s.id, `E${i + 1}`))
  // How lines refer to a span: an event by its E id, anything else by its T id.
  const ref = (spanId: number): string => eId.get(spanId) ?? tId.get(spanId)!

  for (const s of layer.spans) {
    const frags = s.fragments ?? [[s.start, s.end]]
    const offsets = frags.map(([a, b]) => `${cp(a)} ${cp(b)}`).join(';')
    const text = frags.map(([a, b]) => layer.text.slice(a, b)).join(' ')
    out.push(`${tId.get(s.id)}\t${s.label} ${offsets}\t${oneLine(text)}`)
  }

  const roles = new Map<number, Relation[]>()
  for (const r of layer.relations) {
    if (r.kind !== 'role') continue
    roles.set(r.headId, [...(roles.get(r.headId) ?? []), r])
  }
  for (const s of triggers) {
    const args = (roles.get(s.id) ?? []).map((r) => ` ${r.label}:${ref(r.tailId)}`).join('')
    out.push(`${eId.get(s.id)}\t${s.label}:${tId.get(s.id)}${args}`)
  }

  const rId = new Map<number, string>()
  const binary = layer.relations.filter((r) => r.kind === 'binary')
  binary.forEach((r, i) => {
    rId.set(r.id, `R${i + 1}`)
    // brat writes an empty field after a relation's arguments.
    out.push(`R${i + 1}\t${r.label} Arg1:${ref(r.headId)} Arg2:${ref(r.tailId)}\t`)
  })

  for (const set of equivalenceSets(layer.relations)) out.push(`*\t${set.label} ${set.members.map((m) => tId.get(m)).join(' ')}`)

  // What A, N and # lines can name: spans (T or E) and binary relations (R).
  const annotated: { id: string; item: Span | Relation }[] = [
    ...layer.spans.map((s) => ({ id: ref(s.id), item: s as Span | Relation })),
    ...binary.map((r) => ({ id: rId.get(r.id)!, item: r as Span | Relation })),
  ]
  let a = 0
  for (const { id, item } of annotated) {
    for (const [name, value] of Object.entries(item.attributes)) {
      const line = attributeLine(name, id, value)
      if (line) out.push(`A${++a}\t${line}`)
    }
  }
  let n = 0
  for (const s of layer.spans) {
    if (s.norm) out.push(`N${++n}\t${NORM_TYPE} ${ref(s.id)} ${s.norm}\t${oneLine(s.normText ?? '')}`)
  }
  let c = 0
  for (const { id, item } of annotated) {
    if (item.note) out.push(`#${++c}\t${NOTE_TYPE} ${id}\t${oneLine(item.note)}`)
  }
  return { txt: layer.text, ann: out.length ? `${out.join('\n')}\n` : '' }
}

/** brat A lines: `true` is a binary attribute, `false` is its absence, anything else a value (one word). */
function attributeLine(name: string, target: string, value: AttributeValue): string | null {
  if (value === false) return null
  if (value === true) return `${name} ${target}`
  return `${name} ${target} ${String(value).replace(/\s+/g, '_')}`
}

/**
 * Equivalence relations grouped into sets per label (connected components),
 * members in the order they first appear, so a `*` line read as a chain comes
 * back in its order.
 */
function equivalenceSets(relations: Relation[]): { label: string; members: number[] }[] {
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
    for (const m of [r.headId, r.tailId]) {
      if (!setOf.has(`${r.label}:${m}`)) {
        set.members.push(m)
        setOf.set(`${r.label}:${m}`, set)
      }
    }
  }
  return sets
}
