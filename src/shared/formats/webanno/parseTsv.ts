import type { SourceLine } from '../formatCodec'
import { countOf } from '../../text/plural'
import { FORMAT_LINE, FORMAT_PREFIX, parseLayerLine, splitSuffix, splitUnescaped, unescapeText, unescapeValue } from './tsvSyntax'
import type { TsvColumn, TsvLayer } from './tsvSyntax'

/**
 * Reads one WebAnno TSV 3.x file (one document) the way INCEpTION's
 * Tsv3XDeserializer does, into annotations with offsets into the rebuilt text.
 *
 * Offsets: the token column's `begin-end` count UTF-16 code units, as the
 * format's documentation says (INCEpTION is Java) and as its documented
 * example `#Text=I like it 😊 .` / `1-4  10-12  😊` shows; JavaScript strings
 * count the same units, so offsets are used as they are (test: the emoji file).
 *
 * Text: each sentence's `#Text=` lines, unescaped and joined with `\n`, plus a
 * trailing `\n`, placed at its first token's begin: spaces pad a gap, and the
 * previous sentence's trailing `\n` is dropped when the next sentence starts
 * right after it. The document text keeps the last sentence's `\n`, as
 * INCEpTION's reader does. Every token's (and sub-token's) offsets must lie in
 * that text and its token column must equal the text there.
 */

export interface TsvAnnotation {
  layer: TsvLayer
  begin: number
  end: number
  /** Feature values by feature name; null for `*` (no value). */
  features: Map<string, string | null>
  /** The line that created it. */
  line: number
}

export interface TsvRelation {
  layer: TsvLayer
  features: Map<string, string | null>
  line: number
  /** Resolved after all lines are read. */
  source: TsvAnnotation | null
  target: TsvAnnotation | null
  ref: { unit: string; sourceId: number; targetId: number }
  unit: string
}

/** A chain's link from one element to the next, or a slot feature's link from its host to a target. */
export interface TsvLink {
  layer: TsvLayer
  kind: 'binary' | 'role'
  /** The chain element's referenceRelation, or the slot's role; null when it has none. */
  label: string | null
  /** The slot feature's name (the label of a link without a role). */
  feature: string
  source: TsvAnnotation
  /** null: a slot target in a type no span layer of the file declares. */
  target: TsvAnnotation | null
  line: number
}

export interface TsvUnitInfo {
  id: string
  begin: number
  end: number
  line: number
  sub: boolean
}

export interface ParsedTsv {
  version: string
  layers: TsvLayer[]
  text: string
  /** Token (not sub-token) offsets per sentence. */
  sentences: { id: string | null; tokens: [number, number][] }[]
  spans: TsvAnnotation[]
  relations: TsvRelation[]
  /** Chain links (element to next element) and slot links (host to target). */
  links: TsvLink[]
  /** Header lines of a sentence other than #Text= and #Sentence.id=, skipped. */
  otherHeaderLines: number
  errors: { line: number; reason: string }[]
}

const UNIT_ID = /^(\d+)-(\d+)(?:\.(\d+))?$/u
const OFFSETS = /^(\d+)-(\d+)$/u

/** The most padding a gap between sentences may need (INCEpTION writes gaps of a few characters). */
const MAX_GAP = 1_000_000

class Fault extends Error {}
/** A fault after which the text can no longer be rebuilt: reading stops there. */
class Fatal extends Fault {}

export function parseTsv(lines: Iterable<SourceLine>): ParsedTsv {
  const out: ParsedTsv = { version: '', layers: [], text: '', sentences: [], spans: [], relations: [], links: [], otherHeaderLines: 0, errors: [] }
  const fail = (line: number, reason: string) => out.errors.push({ line, reason })
  let minor = 3
  let phase: 'format' | 'schema' | 'body' = 'format'
  let columns: TsvColumn[] = []
  let text = ''
  let sentenceText: string[] = []
  let sentenceId: string | null = null
  let inSentence = false
  let lastLine = 0
  const units = new Map<string, TsvUnitInfo>()
  let token: TsvUnitInfo | null = null
  // Annotations of each unit by layer type, in stacking order (a stacked value's index is its position).
  const onUnit = new Map<string, Map<string, TsvAnnotation[]>>()
  const relOnUnit = new Map<string, Map<string, TsvRelation[]>>()
  const byId = new Map<number, TsvAnnotation>()
  // Chain elements by chain id and element index; element types (referenceType) set once all elements exist.
  const chains = new Map<number, Map<number, TsvAnnotation>>()
  const chainTypes: { unit: string; col: TsvColumn; stack: number; value: string; line: number }[] = []
  // Slot roles and targets of a host annotation (unit, layer, stacking index), paired once all annotations exist.
  const slots = new Map<string, { host: TsvAnnotation; col: TsvColumn; roles: string[]; targets: string[]; type: string; line: number }>()
  const slotOf = (host: TsvAnnotation, unit: string, col: TsvColumn, stack: number, line: number) => {
    const key = `${unit}\u0000${col.layer.type}\u0000${col.name}\u0000${stack}`
    let slot = slots.get(key)
    if (!slot) slots.set(key, (slot = { host, col, roles: [], targets: [], type: '', line }))
    return slot
  }

  const listOf = <T>(m: Map<string, Map<string, T[]>>, unit: string, type: string): T[] => {
    let perUnit = m.get(unit)
    if (!perUnit) m.set(unit, (perUnit = new Map()))
    let list = perUnit.get(type)
    if (!list) perUnit.set(type, (list = []))
    return list
  }

  const spanAt = (col: TsvColumn, unit: TsvUnitInfo, stack: number, suffix: string | null, line: number): TsvAnnotation => {
    const list = listOf(onUnit, unit.id, col.layer.type)
    let ann: TsvAnnotation | undefined = list[stack]
    const id = suffix === null ? -1 : Number(suffix)
    if (suffix !== null && !/^\d+$/u.test(suffix)) throw new Fault(`${col.layer.shortName}: broken disambiguation id [${suffix}] (expected [n])`)
    if (!ann && id > 0) {
      ann = byId.get(id)
      if (ann && ann.layer !== col.layer) throw new Fault(`disambiguation id [${id}] names a ${ann.layer.shortName} annotation (line ${ann.line}), not a ${col.layer.shortName} one`)
      if (ann) {
        ann.end = unit.end // as INCEpTION: a multi-unit annotation ends where its last unit ends
        list.push(ann)
      }
    }
    if (!ann) {
      ann = { layer: col.layer, begin: unit.begin, end: unit.end, features: new Map(), line }
      list.push(ann)
      out.spans.push(ann)
    }
    if (id > 0) {
      const known = byId.get(id)
      if (known && known !== ann) throw new Fault(`disambiguation id [${id}] is used for two annotations (lines ${known.line} and ${line})`)
      byId.set(id, ann)
    }
    return ann
  }

  const readCell = (col: TsvColumn, unit: TsvUnitInfo, raw: string, line: number) => {
    if (raw === '_') return
    splitUnescaped(raw, '|').forEach((stacked, stack) => {
      if (col.kind === 'chainType' || col.kind === 'chainLink') {
        const m = col.kind === 'chainLink' ? /^(.*?)(?<!\\)->(\d+)-(\d+)$/su.exec(stacked) : /^(.*)\[(\d+)\]$/su.exec(stacked)
        if (!m) throw new Fault(`${col.layer.shortName}: broken chain reference ${JSON.stringify(stacked)} (expected ${col.kind === 'chainLink' ? 'value->chain-link' : 'value[chain]'})`)
        if (col.kind === 'chainType') {
          chainTypes.push({ unit: unit.id, col, stack, value: m[1], line })
          return
        }
        // As INCEpTION: the element (chain, index) seen again on a later unit is the same element, extended.
        const [chainId, index] = [Number(m[2]), Number(m[3])]
        let chain = chains.get(chainId)
        if (!chain) chains.set(chainId, (chain = new Map()))
        let el = chain.get(index)
        if (el) el.end = unit.end
        else {
          el = { layer: col.layer, begin: unit.begin, end: unit.end, features: new Map(), line }
          chain.set(index, el)
          out.spans.push(el)
        }
        listOf(onUnit, unit.id, col.layer.type)[stack] = el
        el.features.set(col.name, m[1] === '*' ? null : unescapeValue(m[1]))
        return
      }
      if (col.layer.kind === 'relation') {
        const list = listOf(relOnUnit, unit.id, col.layer.type)
        let rel = list[stack]
        if (!rel) {
          rel = { layer: col.layer, features: new Map(), line, source: null, target: null, ref: { unit: '', sourceId: -1, targetId: -1 }, unit: unit.id }
          list[stack] = rel
          out.relations.push(rel)
        }
        if (col.kind === 'relationRef') {
          const { value, suffix } = splitSuffix(stacked)
          const ids = suffix === null ? null : /^(\d+)_(\d+)$/u.exec(suffix)
          if (suffix !== null && !ids) throw new Fault(`${col.layer.shortName}: broken relation reference ${JSON.stringify(stacked)} (expected sentence-token or sentence-token[source_target])`)
          if (!UNIT_ID.test(value)) throw new Fault(`${col.layer.shortName}: relation source ${JSON.stringify(value)} is not a token id (sentence-token)`)
          rel.ref = { unit: value, sourceId: ids ? Number(ids[1]) : -1, targetId: ids ? Number(ids[2]) : -1 }
        } else if (col.kind === 'feature') rel.features.set(col.name, stacked === '*' ? null : unescapeValue(splitSuffix(stacked).value))
        return
      }
      if (col.kind === 'slotTarget') {
        // Each target keeps its own [n]: the column's values are read as a whole, paired with the roles below.
        const host = spanAt(col, unit, stack, null, line)
        const slot = slotOf(host, unit.id, col, stack, line)
        slot.type = col.target ?? ''
        slot.targets.push(...splitUnescaped(stacked, ';'))
        return
      }
      const { value, suffix } = splitSuffix(stacked)
      const ann = spanAt(col, unit, stack, suffix, line)
      if (col.kind === 'slotRole') slotOf(ann, unit.id, col, stack, line).roles.push(...splitUnescaped(value, ';'))
      else if (col.kind === 'feature') ann.features.set(col.name, value === '*' ? null : unescapeValue(value))
    })
  }

  const startSentence = (begin: number) => {
    if (text.length > begin) {
      // The previous sentence's trailing line break may be where this one starts (no gap between them).
      if (text.length !== begin + 1) throw new Fatal(`token offset ${begin} falls inside the text before it (which ends at ${text.length - 1})`)
      text = text.slice(0, -1)
    }
    // Text between sentences is not in the file: INCEpTION pads it with spaces. A gap no document has is refused, not built.
    if (begin - text.length > MAX_GAP) throw new Fatal(`token offset ${begin} leaves a gap of ${begin - text.length} characters before its sentence (more than ${MAX_GAP} is refused)`)
    text += ' '.repeat(begin - text.length)
    text += sentenceText.join('\n') + '\n'
    out.sentences.push({ id: sentenceId, tokens: [] })
    sentenceText = []
    sentenceId = null
    inSentence = true
  }

  for (const { line, raw } of lines) {
    lastLine = line
    try {
      if (phase === 'format') {
        const m = FORMAT_LINE.exec(raw)
        if (!m || m[1] !== '3') {
          const got = raw.startsWith(FORMAT_PREFIX) ? `${JSON.stringify(raw.slice(0, 60))}: only WebAnno TSV 3.x is read, and TSV 1/2 without a #FORMAT line` : `expected "#FORMAT=WebAnno TSV 3.x" as the first line, got ${JSON.stringify(raw.slice(0, 60))}`
          fail(line, `not a WebAnno TSV 3 file: ${got}`)
          return out
        }
        out.version = `${m[1]}.${m[2]}`
        minor = Number(m[2])
        phase = 'schema'
        continue
      }
      if (phase === 'schema') {
        if (raw === '') {
          phase = 'body'
          continue
        }
        const layer = parseLayerLine(raw, line)
        if (typeof layer === 'string') throw new Fault(layer)
        out.layers.push(layer)
        columns = out.layers.flatMap((l) => l.columns)
        continue
      }
      if (raw === '') {
        if (sentenceText.length) throw new Fatal('a sentence header (#Text=) with no token lines after it')
        inSentence = false
        token = null
        continue
      }
      if (raw.startsWith('#')) {
        if (inSentence) throw new Fatal('a sentence header line inside a sentence (a blank line must end the sentence before it)')
        if (raw.startsWith('#Text=')) sentenceText.push(unescapeText(raw.slice(6), minor))
        else if (raw.startsWith('#Sentence.id=')) sentenceId = unescapeText(raw.slice(13), minor)
        else out.otherHeaderLines++
        continue
      }
      const fields = raw.split('\t')
      const want = 3 + columns.length
      // INCEpTION ends every token line with a tab after its last column.
      if (fields.length === want + 1 && fields[want] === '') fields.pop()
      const found = fields[fields.length - 1] === '' ? fields.length - 1 : fields.length
      if (fields.length !== want) throw new Fault(`expected ${want} tab-separated columns (id, offsets, token and ${columns.length} declared in the header), found ${found}`)
      const [id, offs, tokenText] = fields
      const idm = UNIT_ID.exec(id)
      const om = OFFSETS.exec(offs)
      if (!idm) throw new Fault(`${JSON.stringify(id.slice(0, 40))} is not a token id (sentence-token or sentence-token.sub)`)
      if (!om) throw new Fault(`${JSON.stringify(offs.slice(0, 40))} is not begin-end offsets`)
      const begin = Number(om[1])
      const end = Number(om[2])
      if (!Number.isSafeInteger(begin) || !Number.isSafeInteger(end)) throw new Fault(`token offsets ${JSON.stringify(offs.slice(0, 40))} are too large for any text`)
      if (begin > end) throw new Fault(`token offsets ${begin}-${end}: begin is after end`)
      if (units.has(id)) throw new Fault(`token id ${id} appears twice (first on line ${units.get(id)!.line})`)
      const sub = idm[3] !== undefined
      if (sub) {
        if (!token || `${idm[1]}-${idm[2]}` !== token.id) throw new Fault(`sub-token ${id} does not follow its token ${idm[1]}-${idm[2]}`)
      } else {
        if (!inSentence) {
          if (!sentenceText.length) throw new Fatal('a token line before any #Text= line of its sentence')
          startSentence(begin)
        }
        out.sentences[out.sentences.length - 1].tokens.push([begin, end])
      }
      if (end > text.length) throw new Fault(`token offsets ${begin}-${end} are outside the text (${text.length} UTF-16 code units so far, from the #Text= lines)`)
      if (text.slice(begin, end) !== tokenText) throw new Fault(`token ${JSON.stringify(tokenText)} does not match the #Text= text at ${begin}-${end}: ${JSON.stringify(text.slice(begin, end))}`)
      const unit: TsvUnitInfo = { id, begin, end, line, sub }
      units.set(id, unit)
      if (!sub) token = unit
      columns.forEach((col, i) => readCell(col, unit, fields[3 + i], line))
    } catch (e) {
      if (!(e instanceof Fault)) throw e
      fail(line, e.message)
      if (phase !== 'body' || e instanceof Fatal) return out
    }
  }
  if (phase === 'format') fail(Math.max(1, lastLine), 'not a WebAnno TSV 3 file: no "#FORMAT=WebAnno TSV 3.x" line')
  else if (phase === 'schema') fail(lastLine, 'the header is not followed by a blank line and sentences')
  else if (sentenceText.length) fail(lastLine, 'a sentence header (#Text=) with no token lines after it')
  out.text = text
  for (const t of chainTypes) {
    const el = onUnit.get(t.unit)?.get(t.col.layer.type)?.[t.stack]
    if (!el) fail(t.line, `${t.col.layer.shortName}: a referenceType value without its chain link (referenceRelation) column`)
    else el.features.set(t.col.name, t.value === '*' ? null : unescapeValue(t.value))
  }
  for (const chain of chains.values()) {
    const els = [...chain.entries()].sort((a, b) => a[0] - b[0]).map(([, el]) => el)
    for (let i = 0; i + 1 < els.length; i++) {
      out.links.push({ layer: els[i].layer, kind: 'binary', label: els[i].features.get('referenceRelation') ?? null, feature: 'referenceRelation', source: els[i], target: els[i + 1], line: els[i + 1].line })
    }
  }

  // Relations: the reference column names the source unit; the target is the unit the relation is written on.
  const resolve = (rel: TsvRelation, unitId: string, id: number): TsvAnnotation | string => {
    if (id > 0) {
      const ann = byId.get(id)
      if (!ann) return `relation refers to disambiguation id [${id}], which no annotation has`
      return ann
    }
    if (!units.has(unitId)) return `relation source ${unitId} is not a token of this file`
    const base = rel.layer.baseType ?? ''
    const ann = onUnit.get(unitId)?.get(base)?.[0]
    return ann ?? `no ${base} annotation on ${unitId} for the relation to attach to`
  }
  for (const rel of out.relations) {
    if (!rel.ref.unit) {
      fail(rel.line, `${rel.layer.shortName}: a relation value without its source column (${rel.layer.baseType})`)
      continue
    }
    const source = resolve(rel, rel.ref.unit, rel.ref.sourceId)
    const target = resolve(rel, rel.unit, rel.ref.targetId)
    // Relations over a type no span layer declares (tokens, as BT_…Token): left to the caller to count.
    const declared = out.layers.some((l) => l.kind === 'span' && l.type === rel.layer.baseType)
    if (typeof source === 'string' || typeof target === 'string') {
      if (declared) fail(rel.line, `${rel.layer.shortName}: ${typeof source === 'string' ? source : (target as string)}`)
      continue
    }
    rel.source = source
    rel.target = target
  }
  // Slot links: the i-th role goes with the i-th target (`sentence-token`, or `sentence-token[n]`).
  const unescapedOnly = (v: string) => v !== '*' && v !== '_'
  for (const slot of slots.values()) {
    const roles = slot.roles.filter((r) => r !== '_')
    const targets = slot.targets.filter((t) => t !== '_')
    if (roles.length !== targets.length) {
      fail(slot.line, `${slot.col.layer.shortName}: ${countOf(roles.length, 'slot role')} but ${countOf(targets.length, 'target')} for ${slot.col.name}`)
      continue
    }
    targets.forEach((raw, i) => {
      const { value, suffix } = splitSuffix(raw)
      const type = slot.type
      let target: TsvAnnotation | null = null
      if (suffix !== null && !/^\d+$/u.test(suffix)) return fail(slot.line, `${slot.col.layer.shortName}: broken slot target ${JSON.stringify(raw)} (expected sentence-token or sentence-token[n])`)
      if (!units.has(value)) return fail(slot.line, `${slot.col.layer.shortName}: slot target ${value} is not a token of this file`)
      if (suffix !== null) target = byId.get(Number(suffix)) ?? null
      else {
        // An untyped slot (uima.tcas.Annotation) points at whatever annotation its unit holds.
        const here = onUnit.get(value)
        target = here?.get(type)?.[0] ?? (type === 'uima.tcas.Annotation' ? ([...(here?.values() ?? [])].flat()[0] ?? null) : null)
      }
      if (suffix !== null && !target) return fail(slot.line, `${slot.col.layer.shortName}: slot target ${raw} refers to disambiguation id [${suffix}], which no annotation has`)
      const role = roles[i]
      out.links.push({ layer: slot.col.layer, kind: 'role', label: unescapedOnly(role) ? unescapeValue(role) : null, feature: slot.col.name, source: slot.host, target, line: slot.line })
    })
  }
  return out
}
