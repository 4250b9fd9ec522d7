import { LabelName } from '../domain/model'
import { OUTSIDE, iob2To, schemeOf, spansFromBio } from '../text/bioTags'
import type { ChunkScheme } from '../text/bioTags'
import type { Token } from '../text/tokenizer'
import type { ConllDocstart, DecodeContext, DecodeItem, EncodeContext, ExportLayer, SourceLine, StreamCodec } from './formatCodec'
import type { ImportRecord, LineError } from './importRecord'
import type { ConllMeta } from './conllMeta'
import { taggedLayers } from './tokenTags'
import { countOf } from '../text/plural'
import { encodeGermEval, isGermEvalLayer } from './germEvalExport'
import { conllUToken, isConllULine, sentencePerLineTokens } from './conllLineShapes'
import type { LineToken } from './conllLineShapes'
import { decodeConllOrGermEval } from './germEval'

/**
 * CoNLL-2003 style BIO. Each document starts with `-DOCSTART- O` (see docstartLine),
 * then one token a line (`token TAG`), with a blank line between sentences.
 * On import the tag is the last column and the token the first, so
 * four-column CoNLL-2003 files read too, with or without `-DOCSTART-`; a line
 * with a tab is split on tabs only (a token may then hold a space). Tags of
 * every common chunk scheme read (IOB1, IOB2, BIOES, BILOU, IOE, BMES: see
 * spansFromBio); the export writes IOB2, or the scheme of the file the first
 * document came from. spaCy's sentence-per-line IOB and CoNLL-U with entity
 * tags in MISC read too (conllLineShapes.ts).
 *
 * The file's own tokens, sentence breaks and middle columns (POS, chunk) are
 * kept in `meta.conll` (see conllMeta.ts) and written back when the same text
 * is exported, so 12 sentences in are 12 out. Other texts are tokenized by the
 * shared tokenizer, split into sentences by tokenSentences, and every span
 * boundary is a token boundary in both cases. A sentence break never falls
 * inside a span; on import a sentence break ends a span (an `I-` after it
 * starts a new one).
 *
 * What the format cannot carry: BIO has one tag per token, so of overlapping
 * spans only the outermost is written (the export warns with the count). The
 * original text is not in the file: import rebuilds it by joining a
 * sentence's tokens with single spaces and sentences with newlines, so
 * offsets refer to that rebuilt text. Document ids are not written; a
 * `-DOCSTART- <id>` line of another tool's file names its document, and one
 * with no id (or CoNLL-2003's `-X-`, or `O`) gets `<file>-<n>`.
 */

const DOCSTART = '-DOCSTART-'
/** spaCy's document delimiter (spacy/training/converters/conll_ner_to_docs.py: doc_delimiter). */
const SPACY_DOCSTART = '-DOCSTART- -X- O O'
const NEWDOC = /^#\s*newdoc(?:\s+id\s*=\s*(\S.*))?\s*$/u
const TAG = /^(O|[BIESLUM]-(\S+))$/u

interface PendingDoc {
  line: number
  id: string
  sentences: { token: string; tag: string; middle: string[] }[][]
  errors: LineError[]
  tabs: boolean
  /** Comment lines (`# …`) skipped before its sentences. */
  comments: number
  /** CoNLL-U: its multiword-token and empty-node lines; its words with an entity tag in MISC, and the first line of one without. */
  conllU?: { skipped: number; tagged: number; firstLine: number }
}

const COMMENTS_NOTE = 'CoNLL comment lines (# …), skipped'
const CONLLU_SKIPPED_NOTE = 'CoNLL-U multiword-token and empty-node lines (1-2, 1.1), not words of the text (their words are)'
const CONLLU_NO_TAGS =
  'a CoNLL-U file with no entity tag in its MISC column (ID FORM LEMMA UPOS XPOS FEATS HEAD DEPREL DEPS MISC): Spanwright reads entity tags from MISC (NE=B-PER, name=B-PER, NER=B-PER or B-PER, as spaCy\'s conllu converter does) or from the last column of a token-per-line file'

function fileStem(file: string): string {
  const base = file.split(/[\\/]/).pop() ?? file
  return base.replace(/\.[^.]*$/, '') || 'doc'
}

function finishDoc(doc: PendingDoc): ImportRecord {
  const parts: string[] = []
  const found: { start: number; end: number; label: string }[] = []
  let offset = 0
  const sentences = doc.sentences.filter((s) => s.length > 0)
  const conll: ConllMeta = { sentences: sentences.map((s) => s.map((t) => t.token.length)) }
  if (sentences.some((s) => s.some((t) => t.middle.length > 0))) conll.columns = sentences.flatMap((s) => s.map((t) => t.middle))
  if (doc.tabs) conll.separator = '\t'
  const scheme = schemeOf(sentences.flatMap((s) => s.map((t) => t.tag)))
  if (scheme) conll.scheme = scheme
  sentences.forEach((sentence, si) => {
    if (si > 0) {
      parts.push('\n')
      offset += 1
    }
    const tokens: Token[] = []
    sentence.forEach(({ token }, ti) => {
      if (ti > 0) {
        parts.push(' ')
        offset += 1
      }
      tokens.push({ start: offset, end: offset + token.length, text: token })
      parts.push(token)
      offset += token.length
    })
    // Per sentence: a sentence break ends a span, as CoNLL readers do.
    found.push(...spansFromBio(tokens, sentence.map((t) => t.tag)))
  })
  const spans = found.map((s) => ({
    sourceId: null,
    label: s.label,
    start: s.start,
    end: s.end,
    fragments: null,
    attributes: {},
    note: '',
    norm: null,
  }))
  const counted = { ...(doc.comments ? { [COMMENTS_NOTE]: doc.comments } : {}), ...(doc.conllU?.skipped ? { [CONLLU_SKIPPED_NOTE]: doc.conllU.skipped } : {}) }
  const notes = Object.keys(counted).length ? { notes: counted } : {}
  return { line: doc.line, externalId: doc.id, title: doc.id, text: parts.join(''), meta: { conll }, annotator: null, status: null, spans, relations: [], ...notes }
}


function* decodeConll(lines: Iterable<SourceLine>, ctx: DecodeContext): Iterable<DecodeItem> {
  let doc: PendingDoc | null = null
  let docCount = 0
  const stem = fileStem(ctx.file)
  const newDoc = (line: number, id: string | null): PendingDoc => {
    docCount++
    return { line, id: id ?? `${stem}-${docCount}`, sentences: [[]], errors: [], tabs: false, comments: 0 }
  }
  function* finish(d: PendingDoc | null): Iterable<DecodeItem> {
    if (!d) return
    if (d.conllU && d.conllU.tagged === 0) d.errors.unshift({ file: ctx.file, line: d.conllU.firstLine, reason: CONLLU_NO_TAGS })
    if (d.errors.length) {
      for (const error of d.errors) yield { error }
      return
    }
    if (d.sentences.some((s) => s.length > 0)) yield { record: finishDoc(d) }
  }
  for (const { line, raw } of lines) {
    const tabs = raw.includes('\t')
    // Columns are separated by spaces or tabs only: a token may hold another space (CoreNLP's "1\u00A0000"), which
    // split(/\s+/) made a column of its own, cutting the token and shifting the others.
    const cols = tabs ? raw.replace(/^[\s]+|[\s]+$/gu, '').split(/\t+/u) : raw.trim().split(/[ \t]+/u)
    if (raw.trim() === '') {
      if (doc && doc.sentences[doc.sentences.length - 1].length > 0) doc.sentences.push([])
      continue
    }
    if (cols[0] === DOCSTART) {
      yield* finish(doc)
      // CoNLL-2003 writes -X- there, CoNLL-2002 Dutch -DOCSTART- again, we and two-column files O: placeholders, not ids.
      const id = cols[1] && cols[1] !== '-X-' && cols[1] !== DOCSTART && cols[1] !== OUTSIDE ? cols[1] : null
      doc = newDoc(line, id)
      continue
    }
    // CoNLL-U's `# newdoc` (`# newdoc id = …`) starts a document, as -DOCSTART- does.
    const newdoc = NEWDOC.exec(raw)
    if (newdoc && (!doc || doc.sentences[doc.sentences.length - 1].length === 0)) {
      yield* finish(doc)
      doc = newDoc(line, newdoc[1]?.trim() || null)
      continue
    }
    doc ??= newDoc(line, null)
    // A `#` line before a sentence's first token that is no token line is a comment (MultiCoNER's `# id …`, CoNLL-U's `# text = …`).
    if (raw.startsWith('#') && doc.sentences[doc.sentences.length - 1].length === 0 && !(cols.length >= 2 && TAG.test(cols[cols.length - 1]))) {
      doc.comments++
      continue
    }
    const sentence = sentencePerLineTokens(raw)
    if (sentence) {
      for (const t of sentence) if (!pushToken(doc, t, line)) break
      doc.sentences.push([])
      continue
    }
    if (isConllULine(cols, tabs)) {
      const u = conllUToken(cols)
      doc.conllU ??= { skipped: 0, tagged: 0, firstLine: line }
      if (!u) doc.conllU.skipped++
      else {
        if (u.tagged) doc.conllU.tagged++
        // The other columns are CoNLL-U's, not a CoNLL file's middle columns: not written back between word and tag.
        pushToken(doc, { token: u.token, tag: u.tag, middle: [] }, line)
      }
      continue
    }
    if (tabs) doc.tabs = true
    if (cols.length < 2) {
      doc.errors.push({ file: ctx.file, line, reason: `expected a token and a tag separated by whitespace, got ${JSON.stringify(raw.slice(0, 80))}` })
      continue
    }
    pushToken(doc, { token: cols[0], tag: cols[cols.length - 1], middle: cols.slice(1, -1) }, line)
  }
  yield* finish(doc)

  /** Adds a token to the current sentence, or an error naming its line when its tag is no chunk tag. */
  function pushToken(d: PendingDoc, t: LineToken, line: number): boolean {
    const m = TAG.exec(t.tag)
    if (!m) {
      d.errors.push({ file: ctx.file, line, reason: `tag ${JSON.stringify(t.tag)} is not a chunk tag (O, or B-, I-, E-, S-, L-, U- or M- and a label: IOB, BIOES, BILOU)` })
      return false
    }
    if (m[2] !== undefined && !LabelName.safeParse(m[2]).success) {
      d.errors.push({ file: ctx.file, line, reason: `tag ${JSON.stringify(t.tag)}: the label is not a valid label name` })
      return false
    }
    d.sentences[d.sentences.length - 1].push(t)
    return true
  }
}

/** The chunk scheme an imported CoNLL file used (meta.conll.scheme), or null for IOB2. */
function schemeOfMeta(meta: Record<string, unknown>): ChunkScheme | null {
  const m = meta.conll as { scheme?: unknown } | undefined
  return m && typeof m === 'object' && (m.scheme === 'bioes' || m.scheme === 'bilou') ? m.scheme : null
}

/**
 * A word starting with -DOCSTART- cannot be written: Hugging Face's conll2003
 * loader drops any line that starts with it as a document break, AllenNLP and
 * others take such a first field for one, and CoNLL has no escape. Only a file
 * token can hold one (our tokenizer splits "-DOCSTART-" into three).
 */
function docstartWord(id: string, sentence: number, token: number): string {
  return `conll: document ${JSON.stringify(id)}, sentence ${sentence}, token ${token}: a word starting with "${DOCSTART}" reads as a document start to CoNLL readers (Hugging Face's conll2003 loader drops the line), and CoNLL has no escape for it; export it as hf or jsonl instead`
}

/**
 * The line that starts a document. Its last column is `O`, a tag every reader
 * takes: spaCy's `convert --converter ner`, NLTK and a pandas column read the
 * second field of `-DOCSTART- <id>` as a tag (spaCy made an entity of
 * `doc-1`), so the document id is not written and CoNLL does not carry ids
 * (jsonl does). By default it has the file's columns (`-DOCSTART- O` in a
 * two-column file), so every line splits into as many fields; with middle
 * columns it is `-DOCSTART- -X- O O`: `-X-` in the first, `O` in the others.
 * `spacy` (`--conll-docstart spacy`) writes spaCy's document delimiter `-DOCSTART- -X- O O` as it is, whatever the
 * columns and separator: spaCy's conll_ner_to_docs splits documents at that literal string only, so `-DOCSTART- O`
 * (two columns), `-DOCSTART- -X- O` (three) or a tab-separated line is a word `-DOCSTART-` in the first sentence of
 * each document to it, and `-DOCSTART- -X- O O O` (five columns) leaves an `O` it refuses (E903).
 */
function docstartLine(middle: number, sep: string, form: ConllDocstart): string {
  if (form === 'spacy') return SPACY_DOCSTART
  return [DOCSTART, ...Array.from({ length: middle }, (_, i) => (i === 0 ? '-X-' : OUTSIDE)), OUTSIDE].join(sep)
}

/**
 * Writes CoNLL. Every line of a file has the same number of columns: the
 * first document decides how many middle columns there are (its file's POS
 * and chunk columns, or none); later documents are padded with `_`, or lose
 * extra middle columns with a warning. The separator is the first document's
 * (a tab when its file used tabs, else a space), and so is the tag scheme
 * (BIOES or BILOU when its file used one, else IOB2).
 */
function* encodeConll(layers: Iterable<ExportLayer>, ctx: EncodeContext): Iterable<string> {
  let width: number | null = null
  let sep: ' ' | '\t' = ' '
  let scheme: ChunkScheme | null = null
  let cut = 0
  for (const { layer, t } of taggedLayers(layers, ctx, 'conll')) {
    if (width === null) {
      width = t.columns?.[0]?.length ?? 0
      sep = t.separator
      scheme = schemeOfMeta(layer.meta)
    }
    const w = width
    const middle = (i: number): string[] => {
      const c = t.columns?.[i] ?? []
      if (c.length > w) cut++
      return c.length === w ? c : [...c.slice(0, w), ...new Array<string>(Math.max(0, w - c.length)).fill('_')]
    }
    const out: string[] = [docstartLine(w, sep, ctx.conllDocstart ?? 'columns'), '']
    for (const [n, [first, last]] of t.sentences.entries()) {
      const words: string[] = []
      const mids: string[][] = []
      const tags: string[] = []
      for (let i = first; i <= last; i++) {
        const tag = t.tags[i] ?? OUTSIDE
        const mid = middle(i)
        // A file token holding a space (read from a tab-separated file) cannot be one field of a space-separated
        // line: one token per word, the tag continued, so every line keeps its columns.
        const parts = sep === ' ' ? t.tokens[i].text.split(/\s+/u).filter(Boolean) : [t.tokens[i].text]
        if (parts.some((word) => word.startsWith(DOCSTART))) throw new Error(docstartWord(layer.externalId, n + 1, i - first + 1))
        parts.forEach((word, k) => {
          words.push(word)
          mids.push(mid)
          tags.push(k === 0 || tag === OUTSIDE ? tag : `I-${tag.slice(2)}`)
        })
      }
      const written = scheme ? iob2To(scheme, tags) : tags
      words.forEach((word, k) => out.push([word, ...mids[k], written[k]].join(sep)))
      out.push('')
    }
    yield `${out.join('\n')}\n`
  }
  if (cut) ctx.warn(`conll: ${countOf(cut, 'token')} had more middle columns than the file's first document; the extra columns were left out so every line has ${2 + (width ?? 0)} columns`)
}

export const conllCodec: StreamCodec = {
  name: 'conll',
  extensions: ['.conll', '.conll03', '.bio', '.iob', '.iob2'],
  lossy: 'CoNLL BIO keeps one label per token: overlapping spans keep the outermost; no relations, ids, annotator, attributes or notes; the text is rebuilt from tokens',
  sniff: (first) => first.startsWith(DOCSTART),
  // GermEval 2014's layout (index, token, outer and inner tag) is read by its own reader (germEval.ts).
  decode: (lines, ctx) => decodeConllOrGermEval(lines, ctx, decodeConll),
  // Documents read from GermEval 2014's layout go back to it, nested spans in its inner column (germEvalExport.ts).
  *encode(layers, ctx) {
    const it = layers[Symbol.iterator]()
    const first = it.next()
    if (first.done) return
    const all = (function* () {
      yield first.value
      for (let next = it.next(); !next.done; next = it.next()) yield next.value
    })()
    yield* isGermEvalLayer(first.value) ? encodeGermEval(all, ctx) : encodeConll(all, ctx)
  },
}
