import { arrayElements } from '../formats/labelStudio'
import { isAlpha, isAscii, isDigit, isLower, isPunct, isSpace, isTitle, isUpper, lengthOf, likeEmail, likeNum, likeUrl } from './tokenAttributes'

/** One token of a token pattern, compiled: a test and how many tokens it takes (spaCy's OP). */
export interface TokenSpec {
  test: (token: string) => boolean
  min: number
  max: number
  /** `!`: exactly one token that does not pass the test. */
  negate: boolean
}

export interface Pattern {
  label: string
  id?: string
  /** A phrase pattern's tokens are matched by their exact text (spaCy's PhraseMatcher on ORTH). */
  kind: 'phrase' | 'tokens'
  phrase?: string
  tokens: TokenSpec[]
  line: number
}

export interface PatternFileError {
  line: number
  message: string
}

const TEXT_ATTRS: Record<string, (t: string) => string> = {
  ORTH: (t) => t,
  TEXT: (t) => t,
  LOWER: (t) => t.toLowerCase(),
  // Without a trained pipeline spaCy's NORM is the lower-case form (its lookup tables aside).
  NORM: (t) => t.toLowerCase(),
}
const FLAG_ATTRS: Record<string, (t: string) => boolean> = {
  IS_ALPHA: isAlpha,
  IS_ASCII: isAscii,
  IS_DIGIT: isDigit,
  IS_LOWER: isLower,
  IS_UPPER: isUpper,
  IS_TITLE: isTitle,
  IS_PUNCT: isPunct,
  IS_SPACE: isSpace,
  LIKE_NUM: likeNum,
  LIKE_URL: likeUrl,
  LIKE_EMAIL: likeEmail,
}
/** Attributes that need a trained pipeline (tagger, parser, lemmatizer, NER): named in the error. */
const MODEL_ATTRS = new Set(['POS', 'TAG', 'MORPH', 'DEP', 'LEMMA', 'SHAPE', 'ENT_TYPE', 'ENT_IOB', 'ENT_ID', 'ENT_KB_ID', 'IS_STOP', 'IS_SENT_START', 'SENT_START', 'SPACY', 'IS_OOV', 'PREFIX', 'SUFFIX', 'CLUSTER', 'PROB', 'SENTIMENT', '_'])

const QUANTIFIERS: Record<string, [number, number]> = { '?': [0, 1], '*': [0, Infinity], '+': [1, Infinity], '1': [1, 1] }

function quantifier(op: unknown): { min: number; max: number; negate: boolean } {
  if (op === undefined) return { min: 1, max: 1, negate: false }
  if (op === '!') return { min: 1, max: 1, negate: true }
  if (typeof op === 'string' && op in QUANTIFIERS) return { min: QUANTIFIERS[op][0], max: QUANTIFIERS[op][1], negate: false }
  // spaCy v3: {n}, {n,m}, {n,}, {,m}
  const m = typeof op === 'string' ? /^\{(\d*)(,?)(\d*)\}$/.exec(op) : null
  if (m && (m[1] || m[3])) {
    const min = m[1] ? Number(m[1]) : 0
    const max = m[2] ? (m[3] ? Number(m[3]) : Infinity) : min
    if (min <= max) return { min, max, negate: false }
  }
  throw new Error(`"OP" must be one of !, ?, +, *, {n}, {n,m}, {n,}, {,m}; got ${JSON.stringify(op)}`)
}

/** A string or number attribute's value test: a plain value, or spaCy's IN, NOT_IN, REGEX, ==, !=, >=, <=, >, <. */
function valueTest<T extends string | number>(attr: string, value: unknown, kind: 'string' | 'number'): (v: T) => boolean {
  const plain = (x: unknown): x is T => typeof x === kind
  if (plain(value)) return (v) => v === value
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new Error(`${attr} needs a ${kind} or an object such as {"IN": [...]}; got ${JSON.stringify(value)}`)
  const tests: ((v: T) => boolean)[] = []
  for (const [op, arg] of Object.entries(value)) {
    const list = () => {
      if (!Array.isArray(arg) || !arg.every(plain)) throw new Error(`${attr} ${op} needs a list of ${kind}s`)
      return new Set<T>(arg)
    }
    const num = () => {
      if (typeof arg !== 'number') throw new Error(`${attr} ${op} needs a number`)
      return arg
    }
    // spaCy upper-cases predicate names (`{"in": [...]}`, `{"regex": …}` are valid).
    const name = op.toUpperCase()
    switch (name) {
      case 'IN': {
        const s = list()
        tests.push((v) => s.has(v))
        break
      }
      case 'NOT_IN': {
        const s = list()
        tests.push((v) => !s.has(v))
        break
      }
      case 'REGEX': {
        if (typeof arg !== 'string') throw new Error(`${attr} REGEX needs a string`)
        let re: RegExp
        try {
          re = new RegExp(arg, 'u')
        } catch (e) {
          throw new Error(`${attr} REGEX ${JSON.stringify(arg)} is not a valid regular expression: ${(e as Error).message}`)
        }
        // Python's re.search: a match anywhere in the value.
        tests.push((v) => re.test(String(v)))
        break
      }
      case '==':
      case '!=': {
        if (!plain(arg)) throw new Error(`${attr} ${op} needs a ${kind}`)
        tests.push(op === '==' ? (v) => v === arg : (v) => v !== arg)
        break
      }
      case '>=':
      case '<=':
      case '>':
      case '<': {
        const n = num()
        tests.push({ '>=': (v: T) => Number(v) >= n, '<=': (v: T) => Number(v) <= n, '>': (v: T) => Number(v) > n, '<': (v: T) => Number(v) < n }[name])
        break
      }
      default:
        throw new Error(`${attr} has an unknown operator ${JSON.stringify(op)} (known: IN, NOT_IN, REGEX, ==, !=, >=, <=, >, <)`)
    }
  }
  return (v) => tests.every((t) => t(v))
}

/** Compiles one token's dict (`{"LOWER": "state", "OP": "?"}`); keys are case-insensitive, as spaCy's. */
export function compileToken(spec: unknown): TokenSpec {
  if (!spec || typeof spec !== 'object' || Array.isArray(spec)) throw new Error(`each token of a pattern is an object; got ${JSON.stringify(spec)}`)
  const tests: ((t: string) => boolean)[] = []
  let op: unknown
  for (const [rawKey, value] of Object.entries(spec)) {
    const key = rawKey.toUpperCase()
    if (key === 'OP') {
      op = value
    } else if (key in TEXT_ATTRS) {
      const f = TEXT_ATTRS[key]
      const t = valueTest<string>(key, value, 'string')
      tests.push((tok) => t(f(tok)))
    } else if (key in FLAG_ATTRS) {
      if (typeof value !== 'boolean') throw new Error(`${key} needs true or false; got ${JSON.stringify(value)}`)
      const f = FLAG_ATTRS[key]
      tests.push((tok) => f(tok) === value)
    } else if (key === 'LENGTH') {
      const t = valueTest<number>(key, value, 'number')
      tests.push((tok) => t(lengthOf(tok)))
    } else if (MODEL_ATTRS.has(key)) {
      throw new Error(`${rawKey} needs a trained spaCy pipeline (a tagger, parser or NER), which Spanwright's pattern matcher does not run`)
    } else {
      throw new Error(`unknown token attribute ${JSON.stringify(rawKey)}`)
    }
  }
  return { test: (tok) => tests.every((t) => t(tok)), ...quantifier(op) }
}

/** The pattern entries of a file, each with its line: JSONL (the EntityRuler's own), or one JSON array of them. */
function entriesOf(text: string, errors: PatternFileError[]): { line: number; parse: () => unknown }[] {
  if (text.trimStart().startsWith('[')) {
    let all: unknown
    try {
      all = JSON.parse(text)
    } catch {
      all = undefined
    }
    if (Array.isArray(all) && all.every((x) => x && typeof x === 'object' && !Array.isArray(x))) {
      const starts = arrayElements(text, 1).map((el) => el.line)
      return all.map((entry, k) => ({ line: starts[k] ?? 1, parse: () => entry }))
    }
    if (Array.isArray(all)) {
      errors.push({ line: 1, message: 'a pattern file that is one JSON array holds {"label", "pattern"} objects' })
      return []
    }
  }
  const out: { line: number; parse: () => unknown }[] = []
  text.split(/\r?\n/).forEach((raw, i) => {
    if (!raw.trim()) return
    out.push({
      line: i + 1,
      parse: () => {
        try {
          return JSON.parse(raw)
        } catch (e) {
          throw new Error(`not valid JSON (${(e as Error).message})`)
        }
      },
    })
  })
  return out
}

/**
 * Reads a spaCy EntityRuler / Prodigy pattern file (JSONL, one
 * `{"label", "pattern", "id"?}` a line, or one JSON array of them; a phrase is
 * a string, a token pattern a list of token objects). Blank lines are
 * skipped; every bad pattern is reported with its line and reason, and the
 * good ones are still returned.
 */
export function parsePatternFile(text: string, tokenizePhrase: (phrase: string) => string[]): { patterns: Pattern[]; errors: PatternFileError[] } {
  const patterns: Pattern[] = []
  const errors: PatternFileError[] = []
  for (const { line, parse } of entriesOf(text.replace(/^\uFEFF/, ''), errors)) {
    try {
      const entry = parse()
      if (!entry || typeof entry !== 'object' || Array.isArray(entry)) throw new Error('a pattern line is a JSON object {"label", "pattern"}')
      const { label, pattern, id } = entry as Record<string, unknown>
      if (typeof label !== 'string' || !label.trim()) throw new Error('"label" is missing or not a non-empty string')
      const ident = typeof id === 'string' ? { id } : {}
      if (typeof pattern === 'string') {
        const words = tokenizePhrase(pattern)
        if (!words.length) throw new Error('the phrase "pattern" has no tokens')
        patterns.push({ label, kind: 'phrase', phrase: pattern, tokens: words.map((w) => ({ test: (t) => t === w, min: 1, max: 1, negate: false })), line, ...ident })
      } else if (Array.isArray(pattern)) {
        if (!pattern.length) throw new Error('the token "pattern" is an empty list')
        const tokens = pattern.map((p, k) => {
          try {
            return compileToken(p)
          } catch (e) {
            throw new Error(`token ${k + 1}: ${(e as Error).message}`)
          }
        })
        patterns.push({ label, kind: 'tokens', tokens, line, ...ident })
      } else {
        throw new Error('"pattern" must be a string (a phrase) or a list of token objects')
      }
    } catch (e) {
      errors.push({ line, message: (e as Error).message })
    }
  }
  return { patterns, errors }
}
