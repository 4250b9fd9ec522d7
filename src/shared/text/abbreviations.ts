/**
 * Abbreviations that keep their final dot in the token and do not end a
 * sentence. ICU's segmenter (Node 20) has no abbreviation suppression, so this
 * short list sits on top of it (see ARCHITECTURE.md §9). Case-sensitive:
 * `Dr.` is a title, `dr.` is more likely a word at a sentence's end.
 */
const TITLES_AND_NAMES = [
  'Dr', 'Mr', 'Mrs', 'Ms', 'Mx', 'Prof', 'St', 'Jr', 'Sr', 'Mt', 'Ft',
  'Gen', 'Sen', 'Rep', 'Gov', 'Pres', 'Lt', 'Col', 'Capt', 'Sgt', 'Maj', 'Adm', 'Cmdr', 'Rev', 'Hon', 'Supt',
  'Inc', 'Corp', 'Ltd', 'Co', 'Bros', 'Dept', 'Univ', 'Ave', 'Blvd',
  'Jan', 'Feb', 'Mar', 'Apr', 'Jun', 'Jul', 'Aug', 'Sep', 'Sept', 'Oct', 'Nov', 'Dec',
  'vs', 'Fig', 'fig', 'approx', 'cf', 'al',
]

/**
 * Abbreviations that are ordinary words too (`No.`, `Art.`): their dot stays a
 * token of its own (a token never depends on the text after it), and the
 * sentence splitter does not end a sentence there when a number follows (`No. 5`).
 */
const BEFORE_NUMBERS = ['No', 'Nos', 'no', 'Vol', 'vol', 'pp', 'Art', 'Nr']

const ABBREVIATIONS = new Set(TITLES_AND_NAMES)
const NUMBERED = new Set(BEFORE_NUMBERS)

/** Dotted initialisms as ICU leaves them (`U.S`, `e.g`, `i.e`, `E.U`, `Ph.D`), and single capital initials (`J`). */
const DOTTED = /^(?:\p{L}{1,2}\.)+\p{L}{1,2}$|^\p{Lu}$/u

/** Whether `word` followed directly by a dot is an abbreviation that keeps the dot (`Dr` `.` -> `Dr.`). */
export function isAbbreviationBeforeDot(word: string): boolean {
  return ABBREVIATIONS.has(word) || DOTTED.test(word)
}

/** Whether a token (dot included) is an abbreviation, so a sentence does not end after it. */
export function isAbbreviationToken(token: string): boolean {
  return token.length >= 2 && token.endsWith('.') && isAbbreviationBeforeDot(token.slice(0, -1))
}

/** `No`, `Vol`, …: a dot after one does not end a sentence when a number follows. */
export function isNumberAbbreviation(word: string): boolean {
  return NUMBERED.has(word)
}
