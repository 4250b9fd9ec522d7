/**
 * One line of a brat `.ann` file, parsed but not yet resolved against the
 * other lines or the text. Offsets are still brat's (code points).
 * See https://brat.nlplab.org/standoff.html for the line kinds.
 */
export type AnnLine =
  | { kind: 'T'; id: string; type: string; fragments: [number, number][]; text: string | null }
  /** `spaced`: the line ends in a space, as brat writes an event without arguments (`E1<TAB>Process:T1 `). */
  | { kind: 'E'; id: string; type: string; trigger: string; args: { role: string; ref: string }[]; spaced: boolean }
  /**
   * `tabbed`: the line ends in a tab, as brat writes relations (`R1<TAB>Origin Arg1:T1 Arg2:T2<TAB>`).
   * `roles`: role names other than Arg1 and Arg2 (`Located Who:T1 Where:T2`), the first naming the head.
   */
  | { kind: 'R'; id: string; type: string; arg1: string; arg2: string; tabbed: boolean; roles: [string, string] | null }
  | { kind: 'A'; id: string; name: string; target: string; value: string | null }
  /** brat's older spelling of a binary attribute (`M1<TAB>Negation E2`). */
  | { kind: 'M'; id: string; name: string; target: string; value: null }
  | { kind: 'N'; id: string; type: string; target: string; norm: string; text: string }
  | { kind: '#'; id: string; type: string; target: string; text: string }
  | { kind: '*'; type: string; members: string[] }

/**
 * Free text is a line's last field (T text, N name, `#` note): brat reads
 * everything after its tab, tabs included, up to the line's end. So the text
 * keeps its tabs and a line break becomes a space: every break Python's
 * str.splitlines() (and brat's codecs readline) knows, not only CR and LF.
 */
export const oneLine = (s: string): string => s.replace(/[\r\n\v\f\x1c-\x1e\x85\u2028\u2029]+/gu, ' ')

/** The note type brat writes for free-text comments. */
export const NOTE_TYPE = 'AnnotatorNotes'
/** The normalization type brat writes. */
export const NORM_TYPE = 'Reference'

const ID = /^[TERAMN#][^\s]*$/u
const NAME = /^[^\s:]+$/u

/** Parses one non-blank `.ann` line; throws an Error whose message is the reason. */
export function parseAnnLine(raw: string): AnnLine {
  // brat writes an empty third field after R lines ("R1\tOrigin Arg1:T1 Arg2:T2\t"): tolerated.
  const fields = raw.split('\t')
  const id = fields[0]
  const kind = id[0]
  if (kind === '*') return parseEquiv(fields)
  if (!ID.test(id)) throw new Error(`malformed line: ${JSON.stringify(id)} is not a brat id (T, E, R, A, M, N, # or *)`)
  if (fields.length < 2) throw new Error(`malformed ${kind} line: expected a tab after the id ${id}`)
  const body = fields[1].split(' ')
  const rest = fields.slice(2)
  switch (kind) {
    case 'T':
      return parseTextBound(id, body, rest)
    case 'E':
      return parseEvent(id, body, rest)
    case 'R':
      return parseRelation(id, body, rest)
    case 'A':
      return parseAttribute(id, body, rest)
    case 'M':
      return parseModification(id, body, rest)
    case 'N':
      return parseNorm(id, body, rest)
    default:
      return parseNote(id, body, rest)
  }
}

function noExtraFields(id: string, rest: string[]): void {
  if (rest.some((f) => f !== '')) throw new Error(`malformed line ${id}: unexpected extra tab-separated field`)
}

function name(what: string, s: string | undefined, id: string): string {
  if (!s || !NAME.test(s)) throw new Error(`malformed line ${id}: ${what} ${JSON.stringify(s ?? '')} is missing or not a single word`)
  return s
}

function offset(s: string, id: string): number {
  if (!/^\d+$/.test(s)) throw new Error(`bad offsets in ${id}: ${JSON.stringify(s)} is not a non-negative integer`)
  return Number(s)
}

function parseTextBound(id: string, body: string[], rest: string[]): AnnLine {
  const type = name('the type', body[0], id)
  // Fragments: "0 5;16 23" arrives split on spaces as ["0", "5;16", "23"].
  const spec = body.slice(1).join(' ')
  if (!spec) throw new Error(`bad offsets in ${id}: expected "start end" after the type`)
  const fragments = spec.split(';').map((frag): [number, number] => {
    const parts = frag.split(' ')
    if (parts.length !== 2) throw new Error(`bad offsets in ${id}: fragment ${JSON.stringify(frag)} is not "start end"`)
    const start = offset(parts[0], id)
    const end = offset(parts[1], id)
    if (start >= end) throw new Error(`bad offsets in ${id}: fragment ${start} ${end} is empty or reversed`)
    return [start, end]
  })
  for (let i = 1; i < fragments.length; i++) {
    if (fragments[i][0] < fragments[i - 1][1]) throw new Error(`bad offsets in ${id}: fragments overlap or are out of order`)
  }
  return { kind: 'T', id, type, fragments, text: rest.length ? rest.join('\t') : null }
}

function roleRef(s: string, id: string): { role: string; ref: string } {
  const m = /^([^\s:]+):([^\s:]+)$/u.exec(s)
  if (!m) throw new Error(`malformed line ${id}: ${JSON.stringify(s)} is not ROLE:ID`)
  return { role: m[1], ref: m[2] }
}

function parseEvent(id: string, body: string[], rest: string[]): AnnLine {
  noExtraFields(id, rest)
  const parts = body.filter((p) => p !== '')
  if (!parts.length) throw new Error(`malformed line ${id}: expected TYPE:TRIGGER`)
  const head = roleRef(parts[0], id)
  return { kind: 'E', id, type: head.role, trigger: head.ref, args: parts.slice(1).map((p) => roleRef(p, id)), spaced: body[body.length - 1] === '' }
}

function parseRelation(id: string, body: string[], rest: string[]): AnnLine {
  noExtraFields(id, rest)
  const parts = body.filter((p) => p !== '')
  const type = name('the type', parts[0], id)
  if (parts.length !== 3) throw new Error(`malformed line ${id}: expected "TYPE Arg1:ID Arg2:ID"`)
  const a = roleRef(parts[1], id)
  const b = roleRef(parts[2], id)
  const byRole = new Map([a, b].map((x) => [x.role, x.ref]))
  const arg1 = byRole.get('Arg1')
  const arg2 = byRole.get('Arg2')
  const tabbed = rest.length > 0
  if (arg1 && arg2) return { kind: 'R', id, type, arg1, arg2, tabbed, roles: null }
  // brat lets a configuration name a relation's two roles (`Located Who:Person, Where:GPE`): the first is the head.
  if (a.role === b.role) throw new Error(`malformed line ${id}: a relation's two roles need two names (got ${a.role} twice)`)
  return { kind: 'R', id, type, arg1: a.ref, arg2: b.ref, tabbed, roles: [a.role, b.role] }
}

function parseAttribute(id: string, body: string[], rest: string[]): AnnLine {
  noExtraFields(id, rest)
  if (body.length < 2 || body.length > 3) throw new Error(`malformed line ${id}: expected "NAME TARGET" or "NAME TARGET VALUE"`)
  return { kind: 'A', id, name: name('the attribute name', body[0], id), target: name('the target', body[1], id), value: body[2] ?? null }
}

function parseModification(id: string, body: string[], rest: string[]): AnnLine {
  noExtraFields(id, rest)
  if (body.length !== 2) throw new Error(`malformed line ${id}: expected "NAME TARGET"`)
  return { kind: 'M', id, name: name('the modification name', body[0], id), target: name('the target', body[1], id), value: null }
}

function parseNorm(id: string, body: string[], rest: string[]): AnnLine {
  if (body.length !== 3) throw new Error(`malformed line ${id}: expected "Reference TARGET RESOURCE:ID"`)
  if (!/^[^\s:]+:\S+$/u.test(body[2])) throw new Error(`malformed line ${id}: ${JSON.stringify(body[2])} is not RESOURCE:ID`)
  return { kind: 'N', id, type: name('the type', body[0], id), target: name('the target', body[1], id), norm: body[2], text: rest.join('\t') }
}

function parseNote(id: string, body: string[], rest: string[]): AnnLine {
  if (body.length !== 2) throw new Error(`malformed line ${id}: expected "AnnotatorNotes TARGET"`)
  // The note text may itself hold tabs; keep everything after the second tab.
  return { kind: '#', id, type: name('the type', body[0], id), target: name('the target', body[1], id), text: rest.join('\t') }
}

function parseEquiv(fields: string[]): AnnLine {
  if (fields[0] !== '*' || fields.length < 2) throw new Error('malformed * line: expected "*<TAB>TYPE ID ID ..."')
  noExtraFields('*', fields.slice(2))
  const parts = fields[1].split(' ').filter((p) => p !== '')
  const type = name('the type', parts[0], '*')
  const members = parts.slice(1)
  if (members.length < 2) throw new Error('malformed * line: an equivalence needs at least two ids')
  return { kind: '*', type, members }
}
