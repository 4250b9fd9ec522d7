import type { AttributeValue } from '../../domain/model'
import { OffsetConverter } from '../../text/offsets'
import type { ImportRecord, ImportRelation, ImportSpan, LineError } from '../importRecord'
import { parsePlainText } from '../plainText'
import { resolveSpanOffsets } from '../spanChecks'
import { NORM_TYPE, NOTE_TYPE, oneLine, parseAnnLine } from './annLine'
import type { AnnLine } from './annLine'
import { bratStyleMeta } from './bratMeta'

export interface BratDecodeContext {
  /** The `.ann` file's path as the user gave it, for error messages. */
  file: string
  externalId: string
}

type Numbered<K extends AnnLine['kind']> = Extract<AnnLine, { kind: K }> & { line: number }

/**
 * One brat document (`.txt` + `.ann`) as an import record. The text is kept
 * whole (brat offsets are code points into the exact file); its first line
 * is the title.
 *
 * Mapping: T lines are spans (discontinuous ones keep their fragments). An E
 * line is an event span (kind 'trigger') with one 'role' relation per argument
 * from the event to the argument (a T's span, or another event's span). The
 * first E line on a T of its own type, when nothing else names that T, is that
 * T's span itself; any other E line (several events on one trigger, a type
 * differing from its T's) is a span of its own whose `trigger` names its T's
 * span. R lines are 'binary' relations; a `*` line is a chain of 'equiv'
 * relations in its order; A and M lines are attributes, N and `#` lines the
 * norm/normText and note of the item they name. How the file spelled what
 * brat reads alike (M lines, R lines without the trailing tab) is kept in the
 * document's meta (see bratMeta.ts), so an export writes it back so.
 *
 * Every bad line is reported as `file:line: reason`; with any error the record
 * is null, so nothing of a faulty document is imported.
 */
export function decodeBratDocument(txt: string, ann: string, ctx: BratDecodeContext): { record: ImportRecord | null; errors: LineError[] } {
  const decoded = decodeAsRead(txt, ann, ctx)
  if (!decoded.errors.length) return decoded
  // A .txt a Windows checkout (git's core.autocrlf) or editor changed after brat annotated it, with an .ann that counts
  // the text brat saw: its line ends turned into CRLF, or a byte-order mark put in front (Notepad), which brat counts
  // as the first character. One fault naming the cause, not one per line (read without the change, it would fit).
  const bom = txt.startsWith('\ufeff')
  const crlf = txt.includes('\r\n')
  const undo = (b: boolean, c: boolean) => {
    const t = b ? txt.slice(1) : txt
    return c ? t.replace(/\r\n/g, '\n') : t
  }
  const tries: [boolean, boolean][] = []
  if (bom) tries.push([true, false])
  if (crlf) tries.push([false, true])
  if (bom && crlf) tries.push([true, true])
  for (const [b, c] of tries) {
    if (!decodeAsRead(undo(b, c), ann, ctx).errors.length) {
      const reason = [b && BOM_TEXT, c && CRLF_TEXT].filter((r): r is string => !!r).join('; and ')
      return { record: null, errors: [{ file: ctx.file, line: 1, place: 'document', reason }] }
    }
  }
  return decoded
}

const CRLF_TEXT =
  "the .txt has Windows line ends (CRLF), but the offsets of this .ann count each line end as one character, as in the text brat annotated (git's core.autocrlf or a Windows editor converts them): convert the .txt back to LF line ends (dos2unix) and import again"
const BOM_TEXT =
  'the .txt starts with a UTF-8 byte-order mark, which brat counts as the first character of the text, but the offsets of this .ann count the text without it (a Windows editor such as Notepad adds one when it saves): save the .txt as UTF-8 without a byte-order mark and import again'

function decodeAsRead(txt: string, ann: string, ctx: BratDecodeContext): { record: ImportRecord | null; errors: LineError[] } {
  const errors: LineError[] = []
  const fail = (line: number, reason: string) => errors.push({ file: ctx.file, line, reason })

  const lines: (AnnLine & { line: number })[] = []
  ann.split(/\r\n|\n|\r/).forEach((raw, i) => {
    if (raw.trim() === '') return
    try {
      lines.push({ ...parseAnnLine(raw), line: i + 1 })
    } catch (e) {
      fail(i + 1, (e as Error).message)
    }
  })

  const conv = new OffsetConverter(txt)
  const spans: ImportSpan[] = []
  const relations: ImportRelation[] = []
  const spanOf = new Map<string, number>() // T id -> span index
  const eventOf = new Map<string, number>() // E id -> event span index
  const relationOf = new Map<string, number>() // R id -> relation index
  const seenIds = new Map<string, number>() // id -> line
  const claim = (l: { id: string; line: number }): boolean => {
    const earlier = seenIds.get(l.id)
    if (earlier !== undefined) {
      fail(l.line, `duplicate id ${l.id} (first used on line ${earlier})`)
      return false
    }
    seenIds.set(l.id, l.line)
    return true
  }
  const ofKind = <K extends AnnLine['kind']>(k: K) => lines.filter((l): l is Numbered<K> => l.kind === k)

  // Spans first: every other line refers to them.
  for (const t of ofKind('T')) {
    if (!claim(t)) continue
    try {
      const frags = t.fragments.map(([s, e]) => resolveSpanOffsets(conv, s, e, 'codepoint', t.id))
      if (t.text !== null) {
        // brat writes a discontinuous span's text as its fragments joined by a space, and a line break in it as a space.
        const actual = frags.map(([s, e]) => txt.slice(s, e)).join(' ')
        if (actual !== t.text && oneLine(actual) !== t.text) {
          throw new Error(`${t.id}: text ${JSON.stringify(t.text)} does not match the document text ${JSON.stringify(actual)} at ${t.fragments.map((f) => f.join(' ')).join(';')}`)
        }
      }
      spanOf.set(t.id, spans.length)
      spans.push({ sourceId: t.id, label: t.type, start: frags[0][0], end: frags[frags.length - 1][1], fragments: frags.length > 1 ? frags : null, kind: 'entity', attributes: {}, note: '', norm: null, normText: null })
    } catch (e) {
      fail(t.line, (e as Error).message)
    }
  }

  // T ids named other than as an E line's trigger: such a T keeps its own span, so the reference can be written back to it.
  const namedT = new Set<string>()
  for (const l of lines) {
    if (l.kind === 'E') l.args.forEach((a) => namedT.add(a.ref))
    else if (l.kind === 'R') namedT.add(l.arg1).add(l.arg2)
    else if (l.kind === '*') l.members.forEach((m) => namedT.add(m))
    else if (l.kind !== 'T') namedT.add(l.target)
  }

  // Events: their spans first, so an argument can name an event defined later.
  const events = ofKind('E').filter(claim)
  const owned = new Set<number>() // T spans that are an event's own span
  for (const ev of events) {
    const t = spanOf.get(ev.trigger)
    if (t === undefined) {
      fail(ev.line, `${ev.id}: unknown trigger ${ev.trigger} (expected a T id defined in this file)`)
      continue
    }
    if (!owned.has(t) && !namedT.has(ev.trigger) && spans[t].label === ev.type) {
      owned.add(t)
      spans[t].kind = 'trigger'
      eventOf.set(ev.id, t)
      continue
    }
    const { start, end, fragments } = spans[t]
    eventOf.set(ev.id, spans.length)
    spans.push({ sourceId: ev.id, label: ev.type, start, end, fragments, kind: 'trigger', attributes: {}, note: '', norm: null, normText: null, trigger: t })
  }
  // An id that names a span: a T id, or an E id.
  const spanRef = (ref: string): number | undefined => spanOf.get(ref) ?? eventOf.get(ref)
  for (const ev of events) {
    const head = eventOf.get(ev.id)
    if (head === undefined) continue
    for (const a of ev.args) {
      const tail = spanRef(a.ref)
      if (tail === undefined) fail(ev.line, `${ev.id}: argument ${a.role}:${a.ref} names an unknown id`)
      else relations.push({ sourceId: ev.id, label: a.role, head, tail, kind: 'role', attributes: {}, note: '' })
    }
  }

  const relationRoles = new Map<string, { roles: [string, string]; line: number }>()
  for (const r of ofKind('R')) {
    if (!claim(r)) continue
    if (r.roles) {
      const other = relationRoles.get(r.type)
      if (other && other.roles.join(' ') !== r.roles.join(' ')) {
        fail(r.line, `${r.id}: relation type ${r.type} has roles ${r.roles.join('/')} here and ${other.roles.join('/')} on line ${other.line}; one pair of role names per type is supported`)
        continue
      }
      relationRoles.set(r.type, { roles: r.roles, line: r.line })
    }
    const head = spanRef(r.arg1)
    const tail = spanRef(r.arg2)
    if (head === undefined || tail === undefined) {
      fail(r.line, `${r.id}: unknown id ${head === undefined ? r.arg1 : r.arg2}`)
      continue
    }
    relationOf.set(r.id, relations.length)
    relations.push({ sourceId: r.id, label: r.type, head, tail, kind: 'binary', attributes: {}, note: '' })
  }

  for (const eq of ofKind('*')) {
    const members = eq.members.map((m) => spanRef(m))
    const unknown = eq.members.filter((_, i) => members[i] === undefined)
    if (unknown.length) {
      fail(eq.line, `*: unknown id ${unknown.join(', ')} (an equivalence joins T or E ids)`)
      continue
    }
    for (let i = 1; i < members.length; i++) {
      // The links of one `*` line are `*<line>-<n>`, so an export writes that line again rather than merging sets
      // (each id its own, as formats that key relations by id need).
      relations.push({ sourceId: `*${eq.line}-${i}`, label: eq.type, head: members[i - 1]!, tail: members[i]!, kind: 'equiv', attributes: {}, note: '' })
    }
  }

  // What A, M, N and # lines can annotate: a span (T or E) or a binary relation (R).
  const target = (ref: string): { attributes: Record<string, AttributeValue>; note: string; sourceId: string | null } | undefined => {
    const s = spanRef(ref)
    if (s !== undefined) return spans[s]
    const r = relationOf.get(ref)
    return r === undefined ? undefined : relations[r]
  }

  // Attributes are gathered in Maps: names such as `__proto__` or `toString` are data, never an object's own machinery.
  const attributes = new Map<{ attributes: Record<string, AttributeValue> }, Map<string, AttributeValue>>()
  const modifications = new Set<string>()
  for (const a of [...ofKind('A'), ...ofKind('M')].sort((x, y) => x.line - y.line)) {
    if (!claim(a)) continue
    const t = target(a.target)
    if (!t) {
      fail(a.line, `${a.id}: unknown target ${a.target}`)
      continue
    }
    const of = attributes.get(t) ?? new Map<string, AttributeValue>()
    attributes.set(t, of)
    if (of.has(a.name)) fail(a.line, `${a.id}: ${a.target} already has attribute ${a.name}`)
    else of.set(a.name, a.value ?? true)
    if (a.kind === 'M') modifications.add(a.name)
  }
  for (const [t, of] of attributes) t.attributes = Object.fromEntries(of)

  for (const n of ofKind('N')) {
    if (!claim(n)) continue
    const s = spanRef(n.target)
    if (n.type !== NORM_TYPE) fail(n.line, `${n.id}: normalization type ${n.type} is not supported (only ${NORM_TYPE})`)
    else if (s === undefined) fail(n.line, `${n.id}: unknown target ${n.target} (a normalization names a T or E id)`)
    else if (spans[s].norm !== null) fail(n.line, `${n.id}: ${n.target} already has a normalization; one per span is supported`)
    else {
      spans[s].norm = n.norm
      spans[s].normText = n.text
    }
  }

  // A note's type (brat's AnnotatorNotes; corpora use others, such as TDT's `Lemma`) is kept: the document's most
  // used type, and for items whose note is of another type, theirs by the item's source id.
  const noteTypeOf = new Map<string, string>() // item source id -> note type
  const noteTypeCount = new Map<string, number>()
  for (const c of ofKind('#')) {
    if (!claim(c)) continue
    const t = target(c.target)
    if (!t) fail(c.line, `${c.id}: unknown target ${c.target}`)
    else if (t.note !== '') fail(c.line, `${c.id}: ${c.target} already has a note; one per item is supported`)
    else {
      t.note = c.text
      noteTypeOf.set(t.sourceId ?? '', c.type)
      noteTypeCount.set(c.type, (noteTypeCount.get(c.type) ?? 0) + 1)
    }
  }
  const noteType = [...noteTypeCount].reduce((best, [type, n]) => (n > (noteTypeCount.get(best) ?? 0) ? type : best), NOTE_TYPE)
  for (const [id, type] of noteTypeOf) if (type === noteType) noteTypeOf.delete(id)

  if (errors.length) {
    errors.sort((a, b) => a.line - b.line)
    return { record: null, errors }
  }
  const record = parsePlainText(txt, ctx.externalId)
  const relationLines = ofKind('R')
  const argless = events.filter((e) => e.args.length === 0)
  const style = bratStyleMeta({
    modifications,
    relationTab: relationLines.length === 0 || relationLines.some((r) => r.tabbed),
    eventSpace: argless.length === 0 || argless.some((e) => e.spaced),
    relationRoles: new Map([...relationRoles].map(([type, r]) => [type, r.roles])),
    noteType,
    noteTypes: noteTypeOf,
  })
  if (style) record.meta = style
  return { record: { ...record, spans, relations }, errors }
}
