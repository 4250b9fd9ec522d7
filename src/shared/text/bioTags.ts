import { tokensInRange } from './tokenizer'
import type { Token } from './tokenizer'

/** The tag for a token outside every span. */
export const OUTSIDE = 'O'

export interface LabeledRange {
  start: number
  end: number
  label: string
}

export interface BioTagging {
  /** One tag per token: `O`, `B-LABEL` or `I-LABEL`. */
  tags: string[]
  /** Spans left out because BIO cannot nest: each overlapped a longer (outer) span kept instead. */
  dropped: LabeledRange[]
  /** Spans that cover no token at all (whitespace only); they cannot be tagged. */
  untokenized: LabeledRange[]
}

/**
 * BIO tags over a tokenization. BIO has one tag per token, so of overlapping
 * spans only the outermost is kept (most text in its tokens first, then
 * earliest), and the rest are reported as dropped. The extent is measured on
 * the tokens a span covers, not on its offsets: whitespace at a span's edges
 * is in no token, and counting it let ' Ünal … they'll ' (77 characters) win
 * over 'Ünal … they'll r', which holds it. The CoNLL export and token-level
 * agreement both call this, so they see the same tags.
 */
export function bioTags(tokens: Token[], spans: readonly LabeledRange[]): BioTagging {
  const tags = new Array<string>(tokens.length).fill(OUTSIDE)
  const owner = new Array<number>(tokens.length).fill(-1)
  const untokenized: LabeledRange[] = []
  const covered: { s: LabeledRange; i: number; first: number; last: number; from: number; to: number }[] = []
  spans.forEach((s, i) => {
    const range = tokensInRange(tokens, s.start, s.end)
    if (range) covered.push({ s, i, first: range[0], last: range[1], from: tokens[range[0]].start, to: tokens[range[1]].end })
    else untokenized.push(s)
  })
  const order = covered.sort((a, b) => b.to - b.from - (a.to - a.from) || a.from - b.from || (a.s.label < b.s.label ? -1 : a.s.label > b.s.label ? 1 : 0))
  const dropped: LabeledRange[] = []
  for (const { s, i, first, last } of order) {
    let free = true
    for (let t = first; t <= last && free; t++) if (owner[t] >= 0) free = false
    if (!free) {
      dropped.push(s)
      continue
    }
    for (let t = first; t <= last; t++) {
      owner[t] = i
      tags[t] = `${t === first ? 'B' : 'I'}-${s.label}`
    }
  }
  return { tags, dropped, untokenized }
}

/**
 * A chunk tag of any common scheme: IOB1/IOB2 (`B-`, `I-`), BIOES/IOBES
 * (`E-` end, `S-` single), BILOU/BILUO (`L-` last, `U-` unit), IOE and BMES
 * (`M-` middle). Group 1 is the prefix, group 2 the label.
 */
export const CHUNK_TAG = /^([BIESLUM])-(.+)$/u

/**
 * Reads spans back from chunk tags of any scheme CHUNK_TAG names. An `I-`
 * (or `M-`) without a matching open chunk starts one, as conlleval does, so
 * IOB1 reads too; `B-` always starts one; `E-`/`L-` extend a matching open
 * chunk (or make a one-token chunk) and close it; `S-`/`U-` are a chunk of
 * their own. Any other tag closes the open chunk.
 */
export function spansFromBio(tokens: Token[], tags: readonly string[]): LabeledRange[] {
  const out: LabeledRange[] = []
  let open: LabeledRange | null = null
  for (let t = 0; t < tags.length; t++) {
    const m = CHUNK_TAG.exec(tags[t])
    if (!m) {
      open = null
      continue
    }
    const [, prefix, label] = m
    const continues = (prefix === 'I' || prefix === 'M' || prefix === 'E' || prefix === 'L') && open !== null && open.label === label
    if (continues && open) open.end = tokens[t].end
    else {
      open = { start: tokens[t].start, end: tokens[t].end, label }
      out.push(open)
    }
    if (prefix === 'E' || prefix === 'L' || prefix === 'S' || prefix === 'U') open = null
  }
  return out
}

/** Chunk schemes an export can write besides IOB2: BIOES (`E-` last, `S-` single) and BILOU (`L-`, `U-`). */
export type ChunkScheme = 'bioes' | 'bilou'

/** The scheme a file's tags show (`E-`/`S-` or `L-`/`U-`), or null for IOB. */
export function schemeOf(tags: Iterable<string>): ChunkScheme | null {
  for (const tag of tags) {
    const c = tag.charCodeAt(0)
    if (tag.charCodeAt(1) !== 45) continue // '-'
    if (c === 69 || c === 83) return 'bioes' // E, S
    if (c === 76 || c === 85) return 'bilou' // L, U
  }
  return null
}

/** IOB2 tags (as bioTags writes them) rewritten in another scheme: a chunk's last token E-/L-, a one-token chunk S-/U-. */
export function iob2To(scheme: ChunkScheme, tags: readonly string[]): string[] {
  const [last, unit] = scheme === 'bioes' ? ['E', 'S'] : ['L', 'U']
  return tags.map((tag, i) => {
    if (tag === OUTSIDE) return tag
    const label = tag.slice(2)
    const ends = tags[i + 1] !== `I-${label}`
    if (!ends) return tag
    return `${tag[0] === 'B' ? unit : last}-${label}`
  })
}
