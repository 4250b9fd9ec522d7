/**
 * spaCy v3's built-in symbols, in the order of `cdef enum symbol_t` in spacy/symbols.pxd (explosion/spaCy, MIT
 * licence): a symbol's id is its index here. StringStore.add returns this id, not a hash, for these strings
 * (spacy/strings.pyx: `if string in SYMBOLS_BY_STR: return SYMBOLS_BY_STR[string]`), so a DocBin stores "PERSON" as
 * 380, a token "number" as 432 and a token "_" as 456; a reader that meets a token's id finds no hash of "_" in its
 * StringStore (a KeyError in spaCy's DocBin.get_docs). spaCy v3 renamed v2's morphology-feature symbols (104-379:
 * Animacy_anim ... VerbType_light) to DEPRECATED001-DEPRECATED276 and IS_OOV (13) to IS_OOV_DEPRECATED, and added
 * MORPH, ENT_ID, IDX and "_" after ENT_KB_ID (452-456): v3's spacy/attrs.pyx names IS_OOV_DEPRECATED, MORPH, ENT_ID
 * and IDX, and two independent transcriptions of spaCy 3.8.4's table (a Dart and a Rust reimplementation) agree on
 * "_" = 456 and DEPRECATED276 = 379. So a v2 morphology name ("Case_nom") is a plain string to spaCy 3, hashed like any
 * other. Checked against spaCy's docs: DEP is 76 (website/docs/api/attributes.md) and `nlp.vocab.strings["PERSON"]`
 * prints 380 (spaCy course output).
 */
const DEPRECATED = Array.from({ length: 276 }, (_, i) => `DEPRECATED${String(i + 1).padStart(3, '0')}`)

const SYMBOL_NAMES: readonly string[] = [
  'NIL', 'IS_ALPHA', 'IS_ASCII', 'IS_DIGIT', 'IS_LOWER', 'IS_PUNCT', 'IS_SPACE', 'IS_TITLE', 'IS_UPPER', 'LIKE_URL',
  'LIKE_NUM', 'LIKE_EMAIL', 'IS_STOP', 'IS_OOV_DEPRECATED', 'IS_BRACKET', 'IS_QUOTE', 'IS_LEFT_PUNCT', 'IS_RIGHT_PUNCT',
  'IS_CURRENCY', 'FLAG19', 'FLAG20', 'FLAG21', 'FLAG22', 'FLAG23', 'FLAG24', 'FLAG25', 'FLAG26', 'FLAG27', 'FLAG28',
  'FLAG29', 'FLAG30', 'FLAG31', 'FLAG32', 'FLAG33', 'FLAG34', 'FLAG35', 'FLAG36', 'FLAG37', 'FLAG38', 'FLAG39',
  'FLAG40', 'FLAG41', 'FLAG42', 'FLAG43', 'FLAG44', 'FLAG45', 'FLAG46', 'FLAG47', 'FLAG48', 'FLAG49', 'FLAG50',
  'FLAG51', 'FLAG52', 'FLAG53', 'FLAG54', 'FLAG55', 'FLAG56', 'FLAG57', 'FLAG58', 'FLAG59', 'FLAG60', 'FLAG61',
  'FLAG62', 'FLAG63', 'ID', 'ORTH', 'LOWER', 'NORM', 'SHAPE', 'PREFIX', 'SUFFIX', 'LENGTH', 'CLUSTER', 'LEMMA',
  'POS', 'TAG', 'DEP', 'ENT_IOB', 'ENT_TYPE', 'HEAD', 'SENT_START', 'SPACY', 'PROB', 'LANG', 'ADJ', 'ADP', 'ADV',
  'AUX', 'CONJ', 'CCONJ', 'DET', 'INTJ', 'NOUN', 'NUM', 'PART', 'PRON', 'PROPN', 'PUNCT', 'SCONJ', 'SYM', 'VERB',
  'X', 'EOL', 'SPACE', ...DEPRECATED, 'PERSON', 'NORP', 'FACILITY', 'ORG', 'GPE',
  'LOC', 'PRODUCT', 'EVENT', 'WORK_OF_ART', 'LANGUAGE', 'LAW', 'DATE', 'TIME', 'PERCENT', 'MONEY', 'QUANTITY',
  'ORDINAL', 'CARDINAL', 'acomp', 'advcl', 'advmod', 'agent', 'amod', 'appos', 'attr', 'aux', 'auxpass', 'cc',
  'ccomp', 'complm', 'conj', 'cop', 'csubj', 'csubjpass', 'dep', 'det', 'dobj', 'expl', 'hmod', 'hyph', 'infmod',
  'intj', 'iobj', 'mark', 'meta', 'neg', 'nmod', 'nn', 'npadvmod', 'nsubj', 'nsubjpass', 'num', 'number', 'oprd',
  'obj', 'obl', 'parataxis', 'partmod', 'pcomp', 'pobj', 'poss', 'possessive', 'preconj', 'prep', 'prt', 'punct',
  'quantmod', 'relcl', 'rcmod', 'root', 'xcomp', 'acl', 'ENT_KB_ID', 'MORPH', 'ENT_ID', 'IDX', '_',
]

/** Attribute ids a DocBin's `attrs` list holds (spacy/attrs.pxd names them after these symbols). */
export const ATTR = { ORTH: 65, NORM: 67, LEMMA: 73, POS: 74, TAG: 75, DEP: 76, ENT_IOB: 77, ENT_TYPE: 78, HEAD: 79, SENT_START: 80, SPACY: 81, ENT_KB_ID: 452 } as const

// Symbol 0's string is "" (symbols.pyx: `IDS = {"": NIL, ...}`): the label "NIL" (entity linking's) is hashed as any string.
const BY_NAME = new Map<string, number>(SYMBOL_NAMES.map((name, id): [string, number] => [name, id]).slice(1))

/** The id spaCy gives a string: its symbol id, 0 for "", else its hash (see spacyHashString). */
export function symbolId(s: string): number | undefined {
  return s === '' ? 0 : BY_NAME.get(s)
}

/** The string of a symbol id (1-456), as spaCy's StringStore gives it for such an id whether or not it holds it. */
export function symbolName(id: number): string | undefined {
  return id > 0 && id < SYMBOL_NAMES.length ? SYMBOL_NAMES[id] : undefined
}

/** An attribute id's name, for messages ("TAG"), or its number. */
export function attrName(id: number): string {
  return id < SYMBOL_NAMES.length && id > 0 && id < 100 ? SYMBOL_NAMES[id] : id === ATTR.ENT_KB_ID ? 'ENT_KB_ID' : String(id)
}
