/**
 * spaCy's lexical token attributes, with Python's string semantics (spaCy
 * computes them with `str.isalpha()`, `str.istitle()`, … and counts length in
 * code points), so a pattern written for spaCy matches the same tokens here.
 */

const CASED = /[\p{Lu}\p{Ll}\p{Lt}]/u
export const isAlpha = (t: string) => t.length > 0 && /^[\p{L}]+$/u.test(t)
export const isAscii = (t: string) => /^[\x00-\x7f]*$/.test(t)
export const isDigit = (t: string) => t.length > 0 && /^\p{Nd}+$/u.test(t)
/** `str.islower()`: some cased character, and none upper or title case. */
export const isLower = (t: string) => /\p{Ll}/u.test(t) && !/[\p{Lu}\p{Lt}]/u.test(t)
/** `str.isupper()`: some cased character, and none lower or title case. */
export const isUpper = (t: string) => /\p{Lu}/u.test(t) && !/[\p{Ll}\p{Lt}]/u.test(t)
/** spaCy: every character is punctuation (a Unicode P* category). */
export const isPunct = (t: string) => t.length > 0 && /^\p{P}+$/u.test(t)
export const isSpace = (t: string) => t.length > 0 && /^\s+$/u.test(t)

/**
 * `str.istitle()`: at least one cased character; an upper or title case
 * character only after an uncased one, a lower case one only after a cased one.
 */
export function isTitle(t: string): boolean {
  let prevCased = false
  let any = false
  for (const ch of t) {
    if (/[\p{Lu}\p{Lt}]/u.test(ch)) {
      if (prevCased) return false
      prevCased = any = true
    } else if (/\p{Ll}/u.test(ch)) {
      if (!prevCased) return false
      prevCased = any = true
    } else prevCased = CASED.test(ch)
  }
  return any
}

const NUMBER_WORDS = new Set(
  (
    'zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen ' +
    'twenty thirty forty fifty sixty seventy eighty ninety hundred thousand million billion trillion quadrillion gajillion bazillion'
  ).split(' '),
)
const ORDINAL_WORDS = new Set(
  (
    'first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth fifteenth sixteenth ' +
    'seventeenth eighteenth nineteenth twentieth thirtieth fortieth fiftieth sixtieth seventieth eightieth ninetieth hundredth ' +
    'thousandth millionth billionth trillionth quadrillionth gajillionth bazillionth'
  ).split(' '),
)

/** spaCy's English `like_num`: digits with `,` `.`, a fraction, a number word, or a digit ordinal (`21st`). */
export function likeNum(text: string): boolean {
  let t = text
  if (/^[+\-±~]/.test(t)) t = t.slice(1)
  t = t.replace(/[,.]/g, '')
  if (isDigit(t)) return true
  if ((t.match(/\//g) ?? []).length === 1) {
    const [num, denom] = t.split('/')
    if (isDigit(num) && isDigit(denom)) return true
  }
  const lower = t.toLowerCase()
  if (NUMBER_WORDS.has(lower) || ORDINAL_WORDS.has(lower)) return true
  return /^\d+(st|nd|rd|th)$/.test(lower)
}

export const likeEmail = (t: string) => /^[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(\.[\p{L}\p{N}-]+)+$/u.test(t)
export const likeUrl = (t: string) => /^(https?:\/\/|www\.)\S+$/i.test(t) || /^[\p{L}\p{N}-]+\.(com|org|net|edu|gov|io|de|uk|fr|es)(\/\S*)?$/iu.test(t)
/** Python's `len()`: code points. */
export const lengthOf = (t: string) => [...t].length
