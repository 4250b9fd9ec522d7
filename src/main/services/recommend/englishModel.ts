import nlp from 'compromise'
import { evaluateRecommender } from '../../../shared/recommend/evaluation'
import { withoutOverlaps } from '../../../shared/recommend/overlaps'
import type { Evaluation, Fold, Recommender, RecommenderDocument, SpanChange, Suggestion } from '../../../shared/recommend/recommender'
import { mapLabel } from './dropped'

/** The model's own labels. */
export const ENGLISH_LABELS = ['PERSON', 'ORG', 'PLACE', 'DATE'] as const

/** The mapping a workspace starts with (editable): the model's label → the schema's. */
export const DEFAULT_ENGLISH_MAPPING: Record<string, string> = { PERSON: 'PERSON', ORG: 'ORG', PLACE: 'GPE', DATE: 'DATE' }

/** Every suggestion scores this: the model gives no confidence of its own. */
export const ENGLISH_SCORE = 0.5
export const ENGLISH_VERSION = 'compromise-14'

interface Found {
  text: string
  offset: { start: number; length: number }
}

const TRAILING = /[\s\p{P}]+$/u
const LEADING = /^[\s\p{P}]+/u
const squash = (s: string) => s.replace(/\s+/gu, ' ')
/** The possessive is not part of the name (OntoNotes, CoNLL): `Belgium's` → `Belgium`. */
const POSSESSIVE = /['’]s$/u

/** [start, end) without surrounding punctuation, spaces or a possessive; null when nothing is left. */
function trimmed(text: string, start: number, end: number): [number, number] | null {
  let raw = text.slice(start, end)
  const lead = raw.length - raw.replace(LEADING, '').length
  raw = raw.slice(lead).replace(TRAILING, '').replace(POSSESSIVE, '').replace(TRAILING, '')
  return raw ? [start + lead, start + lead + raw.length] : null
}

/** [start, end) cut at each match of `sep`. */
function pieces(text: string, start: number, end: number, sep: RegExp): [number, number][] {
  const out: [number, number][] = []
  let from = start
  for (const m of text.slice(start, end).matchAll(sep)) {
    out.push([from, start + m.index])
    from = start + m.index + m[0].length
  }
  out.push([from, end])
  return out
}

/**
 * An offline English NER model: compromise's lexicon and rules, shipped inside
 * the npm package (nothing is downloaded). It finds people (titles such as
 * "Prime Minister" left out), organizations, places and dates; its labels are
 * mapped to the schema's with an editable mapping, and a label mapped to
 * nothing, or to a label the schema lacks, is not suggested.
 */
export class EnglishModel implements Recommender {
  readonly name = 'english'
  readonly learns = false
  readonly version = ENGLISH_VERSION
  private readonly schema: Set<string>

  constructor(
    labels: readonly string[],
    private readonly mapping: Record<string, string> = DEFAULT_ENGLISH_MAPPING,
  ) {
    this.schema = new Set(labels)
  }

  train(_changes: Iterable<SpanChange>): void {}

  suggest(doc: RecommenderDocument): Suggestion[] {
    const d = nlp(doc.text)
    const groups: [string, Found[]][] = [
      ['PERSON', d.people().not('#Honorific').json({ offset: true }) as Found[]],
      ['ORG', d.organizations().json({ offset: true }) as Found[]],
      ['PLACE', d.places().json({ offset: true }) as Found[]],
      ['DATE', d.match('#Date+').json({ offset: true }) as Found[]],
    ]
    const seen = new Set<string>()
    const out: Suggestion[] = []
    for (const [own, found] of groups) {
      const label = mapLabel(own, this.mapping, this.schema)
      if (!label) continue
      for (const f of found) {
        const at = f.offset.start
        // compromise counts UTF-16 units; check its text is where it says before trusting the offsets.
        if (squash(doc.text.slice(at, at + f.offset.length)).trim() !== squash(f.text).trim()) continue
        // "Brussels, Belgium" is two places, as OntoNotes marks them.
        const parts = own === 'PLACE' ? pieces(doc.text, at, at + f.offset.length, /,\s+/gu) : [[at, at + f.offset.length]]
        for (const [s, e] of parts) {
          const r = trimmed(doc.text, s, e)
          if (!r) continue
          const key = `${r[0]}:${r[1]}`
          if (seen.has(key)) continue
          seen.add(key)
          out.push({ start: r[0], end: r[1], label, score: ENGLISH_SCORE, recommender: this.name })
        }
      }
    }
    return withoutOverlaps(
      out.sort((a, b) => a.start - b.start || b.end - a.end),
      doc.spans,
    )
  }

  evaluate(folds: readonly Fold[]): Evaluation {
    return evaluateRecommender(() => this, folds)
  }
}
