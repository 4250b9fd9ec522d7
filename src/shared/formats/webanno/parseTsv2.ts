import type { SourceLine } from '../formatCodec'
import { shortNameOf } from './tsvSyntax'
import type { TsvColumn, TsvLayer } from './tsvSyntax'

/**
 * WebAnno TSV 1/2, as WebAnno 1.x/2.x wrote it (webanno/webanno,
 * `WebannoTsv2Writer.convertToTsv`) and read it back (`WebannoTsv2Reader`):
 *
 *     ␠# <type> | <feature> | <feature> # <relation type> | <feature> | AttachTo=<span type>
 *     #id=1
 *     #text=<the sentence's text, its line breaks removed>
 *     1-1<TAB><token><TAB><value><TAB>…<TAB>
 *     <blank line after each sentence>
 *
 * One column per feature, in header order; a relation layer has one more
 * (`AttachTo=`) column: the governor's token (`s-t`), the relation written on
 * its dependent's first token. Values stacked on a token are `|`-separated and
 * keep their position across tokens (`O-_`, `B-_`, `I-_` hold a position);
 * layers of multi-token spans are written `B-X`/`I-X` with `O` for none, the
 * others with the value repeated on each token (each token its own annotation,
 * as WebannoTsv2Reader reads them) and `_` for none. A value starting with the
 * layer's type name (`<type>_`) is a feature without value.
 *
 * Tokens carry no offsets: unlike WebannoTsv2Reader (which joins tokens with
 * single spaces), the text is the `#text=` lines joined by one line break, each
 * token found in order in its sentence's text (only whitespace may lie between
 * tokens), so the document keeps its own spacing.
 */

export const TSV2_SENTENCE_SEPARATOR = '\n'

export interface Tsv2Annotation {
  layer: TsvLayer
  /** Token indexes (into `tokens`), first and last. */
  first: number
  last: number
  features: Map<string, string | null>
  line: number
  /** Written as B-/I-: may go on over the next tokens. */
  bio: boolean
}

export interface Tsv2Relation {
  layer: TsvLayer
  features: Map<string, string | null>
  /** Token ids (`s-t`) of the dependent's first token and of the governor's. */
  dependent: string
  governor: string
  line: number
}

export interface ParsedTsv2 {
  text: string
  layers: TsvLayer[]
  tokens: { id: string; begin: number; end: number }[]
  sentences: { id: string | null; tokens: number[] }[]
  spans: Tsv2Annotation[]
  relations: Tsv2Relation[]
  errors: { line: number; reason: string }[]
}

const TOKEN_ID = /^\d+-\d+$/u
const TYPE_NAME = /^[A-Za-z_][\w$]*(\.[\w$]+)*$/u
const PLACEHOLDERS = new Set(['B-_', 'I-_'])

/** The header line's layers (StringTokenizer on `#`, then on `|`, fields trimmed); a string is the fault. */
export function parseTsv2Header(raw: string, line: number): TsvLayer[] | string {
  const layers: TsvLayer[] = []
  for (const part of raw.split('#').map((p) => p.trim()).filter((p) => p !== '')) {
    const fields = part.split('|').map((f) => f.trim()).filter((f) => f !== '')
    const type = fields[0]
    if (!TYPE_NAME.test(type)) return `header: ${JSON.stringify(type.slice(0, 80))} is not a UIMA type name (expected " # <type> | <feature> …")`
    const layer: TsvLayer = { kind: 'span', type, shortName: shortNameOf(type), columns: [], line }
    for (const [i, f] of fields.slice(1).entries()) {
      if (f.startsWith('AttachTo=')) {
        if (i !== fields.length - 2) return `header: layer ${type}: AttachTo= must be its last field`
        layer.kind = 'relation'
        layer.baseType = f.slice('AttachTo='.length)
        layer.columns.push({ layer, kind: 'relationRef', name: layer.baseType })
      } else layer.columns.push({ layer, kind: 'feature', name: f })
    }
    layers.push(layer)
  }
  return layers
}

interface SentenceBuild {
  id: string | null
  text: string | null
  /** Where its text starts in the document. */
  begin: number
  cursor: number
  tokens: number[]
  line: number
  /** Token lines seen, read or refused: after the first, a line that is not one is not part of the #text=. */
  tokenLines: number
  /** A token was not found in the text: the sentence's later ones are not placed. */
  lost: boolean
}

export function parseTsv2(lines: Iterable<SourceLine>): ParsedTsv2 {
  const out: ParsedTsv2 = { text: '', layers: [], tokens: [], sentences: [], spans: [], relations: [], errors: [] }
  const fail = (line: number, reason: string) => out.errors.push({ line, reason })
  let columns: TsvColumn[] = []
  let sentence = null as SentenceBuild | null
  let started = false
  const seen = new Set<string>()
  // Per span layer: the annotations open at each stack position (B-/I- that may go on).
  const open = new Map<TsvLayer, Map<number, Tsv2Annotation>>()

  const closeSentence = () => {
    if (!sentence) return
    out.sentences.push({ id: sentence.id, tokens: sentence.tokens })
    sentence = null
  }
  const startSentence = (id: string | null, line: number) => {
    closeSentence()
    if (out.sentences.length) out.text += TSV2_SENTENCE_SEPARATOR
    sentence = { id, text: null, begin: out.text.length, cursor: 0, tokens: [], line, tokenLines: 0, lost: false }
  }

  for (const { line, raw: rawLine } of lines) {
    const raw = line === 1 ? rawLine.replace(/^\uFEFF/u, '') : rawLine
    const trimmed = raw.trim()
    if (trimmed === '') {
      if (sentence?.tokens.length) closeSentence()
      continue
    }
    if (raw.startsWith('#id=')) {
      started = true
      startSentence(raw.slice(4), line)
      continue
    }
    if (raw.startsWith('#text=')) {
      started = true
      if (!sentence || sentence.text !== null) startSentence(null, line)
      sentence!.text = raw.slice(6)
      sentence!.line = line
      out.text += sentence!.text
      continue
    }
    if (trimmed.startsWith('#')) {
      if (started) {
        fail(line, `a header line (" # <type> | <feature>") after the first sentence: ${JSON.stringify(raw.slice(0, 60))}`)
        continue
      }
      const layers = parseTsv2Header(raw, line)
      if (typeof layers === 'string') fail(line, layers)
      else {
        out.layers.push(...layers)
        columns = out.layers.flatMap((l) => l.columns)
      }
      continue
    }
    const fields = (raw.endsWith('\t') ? raw.slice(0, -1) : raw).split('\t')
    const s: SentenceBuild | null = sentence
    if (!TOKEN_ID.test(fields[0])) {
      // A line of a #text= broken by a line break (WebannoTsv2Reader skips them): part of the sentence's text.
      if (s && s.text !== null && !s.tokenLines && fields.length === 1) {
        s.text += '\n' + raw
        out.text += '\n' + raw
      } else fail(line, `expected a token line "<sentence>-<token><TAB><token><TAB>…", got ${JSON.stringify(raw.slice(0, 60))}`)
      continue
    }
    started = true
    if (s) s.tokenLines++
    if (seen.has(fields[0])) fail(line, `token number ${fields[0]} is used twice (relations name tokens by it)`)
    seen.add(fields[0])
    if (!s || s.text === null) {
      fail(line, `token ${fields[0]} comes before its sentence's #text= line`)
      continue
    }
    // The token is placed first, so a line refused for its columns does not shift the ones after it.
    const token = fields[1]
    const at = s.lost ? -1 : token === '' ? -1 : s.text.indexOf(token, s.cursor)
    if (!s.lost && (at < 0 || s.text.slice(s.cursor, at).trim() !== '')) {
      const rest = s.text.slice(s.cursor, s.cursor + 30)
      fail(line, `token ${fields[0]} ${JSON.stringify(token)} is not the next word of its sentence's #text= (line ${s.line}); the text goes on with ${JSON.stringify(rest)}`)
      // The sentence's later tokens cannot be placed either: not refused again for it.
      s.lost = true
    }
    if (at >= 0) s.cursor = at + token.length
    const index = out.tokens.length
    // A token not placed keeps its id (relations name it) at no offset; the file is refused anyway.
    const begin = at >= 0 ? s.begin + at : -1
    out.tokens.push({ id: fields[0], begin, end: at >= 0 ? begin + token.length : -1 })
    if (at >= 0) s.tokens.push(begin, begin + token.length)
    if (fields.length !== 2 + columns.length) {
      fail(line, `${fields.length} tab-separated fields, but the header declares ${2 + columns.length} (token number, token and ${columns.length} ${columns.length === 1 ? 'column' : 'columns'})`)
      continue
    }
    readValues(fields.slice(2), columns, index, line, fields[0], open, out, fail)
  }
  closeSentence()
  return out
}

/** One token's value columns: span annotations begun, continued or on this token alone, and relations on it. */
function readValues(
  values: string[],
  columns: TsvColumn[],
  token: number,
  line: number,
  tokenId: string,
  open: Map<TsvLayer, Map<number, Tsv2Annotation>>,
  out: ParsedTsv2,
  fail: (line: number, reason: string) => void,
) {
  let c = 0
  while (c < columns.length) {
    const layer = columns[c].layer
    const width = layer.columns.length
    const own = values.slice(c, c + width)
    if (layer.kind === 'relation') readRelations(layer, own, line, tokenId, out, fail)
    else {
      const was = open.get(layer) ?? new Map<number, Tsv2Annotation>()
      const touched = new Map<number, Tsv2Annotation>()
      layer.columns.forEach((col, i) => {
        own[i].split('|').forEach((v, k) => {
          const slot = k + 1
          if (v === '_' || v === 'O' || PLACEHOLDERS.has(v) || v.startsWith('O-')) return
          const bio = v.startsWith('B-') || v.startsWith('I-')
          const value = bio ? v.slice(2) : v
          const feature = value.startsWith(layer.type) ? null : value
          if (v.startsWith('I-')) {
            const a = touched.get(slot) ?? was.get(slot)
            if (!a) {
              fail(line, `${layer.shortName} | ${col.name}: "${v}" (stack position ${slot}) continues no annotation: the token before has no B- or I- value there`)
              return
            }
            a.last = token
            touched.set(slot, a)
            return
          }
          let a = touched.get(slot)
          if (!a) {
            a = { layer, first: token, last: token, features: new Map(), line, bio: bio }
            touched.set(slot, a)
            out.spans.push(a)
          }
          a.features.set(col.name, feature)
        })
      })
      open.set(layer, new Map([...touched].filter(([, a]) => a.bio)))
    }
    c += width
  }
}

function readRelations(layer: TsvLayer, own: string[], line: number, tokenId: string, out: ParsedTsv2, fail: (line: number, reason: string) => void) {
  const governors = own[own.length - 1] === '_' ? [] : own[own.length - 1].split('|')
  const features = layer.columns.slice(0, -1)
  const stacks = features.map((_, i) => (own[i] === '_' ? [] : own[i].split('|')))
  const count = features.length ? Math.max(...stacks.map((s) => s.length)) : governors.length
  if (governors.length !== count || stacks.some((s) => s.length !== count)) {
    fail(line, `${layer.shortName}: ${count} ${count === 1 ? 'relation' : 'relations'} on this token but ${governors.length} governor ${governors.length === 1 ? 'token' : 'tokens'} in its AttachTo column`)
    return
  }
  for (let i = 0; i < count; i++) {
    if (!TOKEN_ID.test(governors[i])) {
      fail(line, `${layer.shortName}: governor ${JSON.stringify(governors[i].slice(0, 40))} is not a token number "<sentence>-<token>"`)
      continue
    }
    const map = new Map<string, string | null>()
    features.forEach((f, k) => {
      const v = stacks[k][i]
      map.set(f.name, v === '_' || v.startsWith(layer.type) ? null : v)
    })
    out.relations.push({ layer, features: map, dependent: tokenId, governor: governors[i], line })
  }
}
