/**
 * The small pieces of WebAnno TSV 3.x syntax, as INCEpTION's
 * `Tsv3XDeserializer`, `Tsv3XSerializer` and `Escaping` (inception-io-webanno-tsv)
 * read and write them: the format line, the layer declarations, the two
 * escaping schemes (sentence text and feature values) and the `[n]` suffixes.
 */

export const FORMAT_PREFIX = '#FORMAT='
export const FORMAT_LINE = /^#FORMAT=WebAnno TSV (\d+)\.(\d+)$/u

/** The DKPro Core named-entity layer: its `value` feature is the label. */
export const NAMED_ENTITY = 'de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity'

export type LayerKind = 'span' | 'relation' | 'chain'
export type ColumnKind = 'feature' | 'placeholder' | 'slotRole' | 'slotTarget' | 'relationRef' | 'chainType' | 'chainLink'

export interface TsvColumn {
  layer: TsvLayer
  kind: ColumnKind
  /** The feature's short name ('' for a placeholder, the role feature for slot columns, the base type for a relation reference). */
  name: string
  /** A slot target column: the type its targets are annotations of. */
  target?: string
}

export interface TsvLayer {
  kind: LayerKind
  /** The UIMA type name, e.g. `webanno.custom.Span`. */
  type: string
  /** After the last dot: the label of a span or relation whose label feature has no value. */
  shortName: string
  columns: TsvColumn[]
  /** Relation layers: the type of the annotations they connect (`BT_…`). */
  baseType?: string
  /** The header line that declared it (1-based). */
  line: number
}

export { isStructureType } from '../dkproStructureTypes'

export const shortNameOf = (type: string): string => type.slice(type.lastIndexOf('.') + 1) || type

/**
 * One `#T_SP=` / `#T_RL=` / `#T_CH=` line. Fields are split on `|` with empty
 * ones dropped (as StringUtils.split does), so `#T_SP=webanno.custom.X|` is a
 * layer without features: one placeholder column whose `*` marks an annotation.
 */
export function parseLayerLine(raw: string, line: number): TsvLayer | string {
  const kind: LayerKind | null = raw.startsWith('#T_SP=') ? 'span' : raw.startsWith('#T_RL=') ? 'relation' : raw.startsWith('#T_CH=') ? 'chain' : null
  if (!kind) return `unknown header line ${JSON.stringify(raw.slice(0, 80))} (expected #T_SP=, #T_RL= or #T_CH=, then two blank lines)`
  const fields = raw.slice(6).split('|').filter((f) => f !== '')
  const type = fields[0]
  if (!type) return `${raw.slice(0, 6)} declares no layer type`
  const layer: TsvLayer = { kind, type, shortName: shortNameOf(type), columns: [], line }
  for (const decl of fields.slice(1)) {
    const prev = layer.columns[layer.columns.length - 1]
    if (kind === 'span' && decl.startsWith('ROLE_')) layer.columns.push({ layer, kind: 'slotRole', name: decl.split('_')[1]?.split(':')[1] ?? decl })
    else if (kind === 'span' && prev?.kind === 'slotRole') layer.columns.push({ layer, kind: 'slotTarget', name: prev.name, target: decl })
    else if (kind === 'relation' && decl.startsWith('BT_')) {
      layer.baseType = decl.slice(3)
      layer.columns.push({ layer, kind: 'relationRef', name: layer.baseType })
    } else if (kind === 'chain' && decl === 'referenceType') layer.columns.push({ layer, kind: 'chainType', name: decl })
    else if (kind === 'chain' && decl === 'referenceRelation') layer.columns.push({ layer, kind: 'chainLink', name: decl })
    else if (kind === 'chain') return `chain layer ${type}: unknown column ${JSON.stringify(decl)} (a chain has referenceType and referenceRelation)`
    else layer.columns.push({ layer, kind: 'feature', name: decl })
  }
  if (fields.length === 1) layer.columns.push({ layer, kind: 'placeholder', name: '' })
  if (kind === 'relation') {
    const ref = layer.columns.findIndex((c) => c.kind === 'relationRef')
    if (ref < 0) return `relation layer ${type} has no BT_ column naming the type it connects`
    if (ref !== layer.columns.length - 1) return `relation layer ${type}: the BT_ column must be the last`
  }
  if (layer.columns.some((c) => c.kind === 'slotRole') && layer.columns[layer.columns.length - 1].kind === 'slotRole') return `span layer ${type}: a ROLE_ column must be followed by its target type`
  return layer
}

// Feature values (Escaping.escapeValue): `\ [ ] | _ -> ; * TAB LF` are escaped with a backslash.
const VALUE_ESCAPES: Record<string, string> = { '\\': '\\', '[': '[', ']': ']', '|': '|', _: '_', ';': ';', '*': '*', t: '\t', n: '\n' }

export function unescapeValue(s: string): string {
  if (!s.includes('\\')) return s
  let out = ''
  for (let i = 0; i < s.length; i++) {
    const c = s[i]
    if (c === '\\' && s.startsWith('->', i + 1)) {
      out += '->'
      i += 2
    } else if (c === '\\' && i + 1 < s.length && VALUE_ESCAPES[s[i + 1]] !== undefined) out += VALUE_ESCAPES[s[++i]]
    else out += c
  }
  return out
}

export function escapeValue(s: string): string {
  return s.replace(/\\|\[|\]|\||_|->|;|\t|\n|\*/gu, (m) => (m === '\t' ? '\\t' : m === '\n' ? '\\n' : `\\${m}`))
}

// Sentence text (Escaping.escapeText, TSV 3.2+): TAB LF FF CR BS and backslash as Java escapes,
// other control characters below 32 (but 8-13) as a backslash followed by the raw character.
const TEXT_ESCAPES: Record<string, string> = { t: '\t', n: '\n', f: '\f', r: '\r', b: '\b', '\\': '\\' }
const isRawControl = (code: number): boolean => code < 32 && (code < 8 || code > 13)
// TSV 3.0 and 3.1 wrote the text with Java escapes (StringEscapeUtils.unescapeJava reads them back).
const JAVA_ESCAPES: Record<string, string> = { ...TEXT_ESCAPES, "'": "'", '"': '"' }

export function unescapeText(s: string, minor: number): string {
  if (!s.includes('\\')) return s
  let out = ''
  for (let i = 0; i < s.length; i++) {
    const c = s[i]
    const next = s[i + 1]
    if (c !== '\\' || next === undefined) out += c
    else if (minor >= 2 && (TEXT_ESCAPES[next] !== undefined || isRawControl(next.charCodeAt(0)))) {
      out += TEXT_ESCAPES[next] ?? next
      i++
    } else if (minor < 2 && JAVA_ESCAPES[next] !== undefined) {
      out += JAVA_ESCAPES[next]
      i++
    } else if (minor < 2 && next === 'u' && /^[0-9a-fA-F]{4}$/u.test(s.slice(i + 2, i + 6))) {
      out += String.fromCharCode(parseInt(s.slice(i + 2, i + 6), 16))
      i += 5
    } else out += c
  }
  return out
}

export function escapeText(s: string): string {
  let out = ''
  for (const c of s) {
    const code = c.charCodeAt(0)
    if (c === '\t') out += '\\t'
    else if (c === '\n') out += '\\n'
    else if (c === '\f') out += '\\f'
    else if (c === '\r') out += '\\r'
    else if (c === '\b') out += '\\b'
    else if (c === '\\') out += '\\\\'
    else if (isRawControl(code)) out += `\\${c}`
    else out += c
  }
  return out
}

/** Splits on `sep` where it is not escaped (a backslash escapes the character after it). */
export function splitUnescaped(s: string, sep: string): string[] {
  const out: string[] = []
  let start = 0
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '\\') i++
    else if (s[i] === sep) {
      out.push(s.slice(start, i))
      start = i + 1
    }
  }
  out.push(s.slice(start))
  return out
}

/** A value's trailing `[…]` suffix (a disambiguation id, or `[source_target]` on a relation reference), when not escaped. */
export function splitSuffix(v: string): { value: string; suffix: string | null } {
  if (!v.endsWith(']')) return { value: v, suffix: null }
  let backslashes = 0
  for (let i = v.length - 2; i >= 0 && v[i] === '\\'; i--) backslashes++
  if (backslashes % 2 === 1) return { value: v, suffix: null }
  const open = v.lastIndexOf('[')
  if (open < 0) return { value: v, suffix: v }
  return { value: v.slice(0, open), suffix: v.slice(open + 1, -1) }
}

/**
 * WebAnno 1.x and 2.x wrote TSV without a `#FORMAT` line (WebannoTsv2Writer): a first line of ` # <UIMA type> |
 * <feature>` headers (empty when the document has no annotation layer), then per sentence `#id=<n>` and
 * `#text=<sentence>` and token lines `<s>-<t>\t<token>\t…`. Told by its first two lines that are not blank; read by
 * decodeTsv2.ts.
 */
export function isWebannoTsv2(body: string): boolean {
  const [first = '', second = ''] = body.replace(/^\uFEFF/u, '').split(/\r?\n/u, 50).filter((l) => l.trim() !== '')
  return /^ ?# [A-Za-z_][\w$]*(\.[\w$]+)+ \| /u.test(first) || (first.startsWith('#id=') && second.startsWith('#text='))
}
