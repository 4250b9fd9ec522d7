// The long-document fixture of issue 3: a deterministic (seeded) article of
// 100,000 words in paragraphs, with 10,000 spans (some nested) and 2,000
// relations, as one native JSONL line ready for `spanwright import`.
import { seeded } from './benchUtil'

export interface BigDocumentOptions {
  words: number
  spans: number
  relations: number
  seed: number
  /** The document's id in the JSONL. */
  id?: string
}

export const BIG_DOCUMENT: BigDocumentOptions = { words: 100_000, spans: 10_000, relations: 2_000, seed: 20261123 }

const LEXICON = (
  'the a of in on at to from with by for and or but after before during while officials said government minister police city ' +
  'country report attack support investigation statement meeting council security court people week year morning analysts ' +
  'agency border trade talks election region capital president committee network members district commission parliament'
).split(' ')
const NAMES = 'Kerry Michel Philippe Belkacem Schepmans Molenbeek Verviers Brussels Belgium Washington Paris Europe Liège Antwerp Ghent'.split(' ')
const LABELS = ['PERSON', 'ORG', 'GPE', 'LOC', 'FAC', 'DATE', 'NORP', 'EVENT']

interface GenSpan {
  id: string
  start: number
  end: number
  label: string
  text: string
}

export function bigDocument(opts: BigDocumentOptions = BIG_DOCUMENT): { id: string; text: string; spans: GenSpan[]; relations: { id: string; head: string; tail: string; label: string }[] } {
  const rand = seeded(opts.seed)
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]
  // Words with their offsets, so spans can be placed on word boundaries.
  const wordStarts: number[] = []
  const wordEnds: number[] = []
  let text = 'A long generated article for the document-view benchmark\n\n'
  let inParagraph = 0
  let paragraphLength = 40 + Math.floor(rand() * 120)
  for (let w = 0; w < opts.words; w++) {
    const word = rand() < 0.12 ? pick(NAMES) : pick(LEXICON)
    wordStarts.push(text.length)
    text += word
    wordEnds.push(text.length)
    inParagraph++
    if (inParagraph >= paragraphLength) {
      text += '.\n\n'
      inParagraph = 0
      paragraphLength = 40 + Math.floor(rand() * 120)
    } else text += rand() < 0.08 ? ', ' : ' '
  }
  // Spans: spread evenly (one every ~10 words), 1-3 words each; every tenth
  // gets an inner span on its first word, so nesting is common as in real layers.
  const spans: GenSpan[] = []
  // About one span in fifteen outer spans gets an inner one (a tenth, of those longer than a word).
  const stride = (opts.words / (opts.spans / 1.0667)) * 0.985
  for (let k = 0, w = 0; spans.length < opts.spans && w < opts.words - 4; k++, w = Math.floor(k * stride)) {
    const len = 1 + Math.floor(rand() * 3)
    const start = wordStarts[w]
    const end = wordEnds[w + len - 1]
    spans.push({ id: `T${spans.length + 1}`, start, end, label: pick(LABELS), text: text.slice(start, end) })
    if (len > 1 && k % 10 === 0 && spans.length < opts.spans) {
      const innerEnd = wordEnds[w]
      spans.push({ id: `T${spans.length + 1}`, start, end: innerEnd, label: pick(LABELS), text: text.slice(start, innerEnd) })
    }
  }
  // Relations: mostly between near spans (same paragraph), some long-distance.
  const relations: { id: string; head: string; tail: string; label: string }[] = []
  const seen = new Set<string>()
  while (relations.length < opts.relations) {
    const h = Math.floor(rand() * spans.length)
    const far = rand() < 0.1
    const t = Math.min(spans.length - 1, Math.max(0, h + (far ? Math.floor((rand() - 0.5) * 400) : 1 + Math.floor(rand() * 6))))
    const key = `${h}-${t}`
    if (t === h || seen.has(key)) continue
    seen.add(key)
    relations.push({ id: `R${relations.length + 1}`, head: spans[h].id, tail: spans[t].id, label: 'PART_OF' })
  }
  return { id: opts.id ?? 'bench-100k', text, spans, relations }
}

/** The fixture as one line of the native JSONL format. */
export function bigDocumentJsonl(opts: BigDocumentOptions = BIG_DOCUMENT, annotator = 'bench'): string {
  const d = bigDocument(opts)
  return JSON.stringify({ id: d.id, text: d.text, meta: { title: `Benchmark: ${opts.words} words` }, annotator, offsets: 'utf16', spans: d.spans, relations: d.relations }) + '\n'
}
