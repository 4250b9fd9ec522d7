import type { BratConf } from './bratConf'

/**
 * Reads brat's `annotation.conf` (and optionally `visual.conf` for colours)
 * into the shape the writer takes: what types a brat project declares.
 * Comments, `!` groups, separators, indentation and `<MACRO>=…` definitions
 * are handled; role quantifiers (`?`, `*`, `+`, `{2}`) are dropped.
 */
export function readBratConf(annotationConf: string, visualConf = ''): BratConf {
  const conf: BratConf = { entities: [], relations: [], events: [], attributes: [], colors: new Map(), undeclared: [] }
  const macros = new Map<string, string>()
  const expand = (types: string): string[] => types.split('|').flatMap((t) => (macros.has(t) ? macros.get(t)!.split('|') : [t]))
  const args = (rest: string): [string, string][] =>
    rest
      .split(',')
      .map((a) => a.trim())
      .filter(Boolean)
      .map((a) => {
        const i = a.indexOf(':')
        return [a.slice(0, i), a.slice(i + 1)]
      })
  for (const [section, line] of sections(annotationConf)) {
    const m = /^<([^>]+)>=(.*)$/.exec(line)
    if (m) {
      macros.set(`<${m[1]}>`, m[2])
      continue
    }
    // `!Life` groups types without being one; a line of dashes is a separator in brat's menus.
    if (line.startsWith('!') || /^-+$/.test(line)) continue
    const [name, ...restParts] = line.split(/\s+/)
    const rest = restParts.join(' ')
    if (section === 'entities') conf.entities.push(name)
    else if (section === 'relations') {
      const all = args(rest)
      const relType = all.find(([k]) => k === '<REL-TYPE>')?.[1] ?? ''
      // The first two arguments are the roles, whatever their names (Arg1 and Arg2 unless a project chose others).
      const [[r1, t1], [r2, t2]] = [...all.filter(([k]) => !k.startsWith('<')), ['Arg1', ''], ['Arg2', '']]
      const named = r1 !== 'Arg1' || r2 !== 'Arg2'
      conf.relations.push({ type: name, arg1: expand(t1), arg2: expand(t2), equiv: relType.includes('symmetric-transitive'), ...(named ? { roles: [r1, r2] as [string, string] } : {}) })
    } else if (section === 'events') {
      conf.events.push({ type: name, roles: args(rest).map(([role, types]) => ({ role: role.replace(/([?*+]|\{[\d-]+\})$/, ''), types: expand(types) })) })
    } else if (section === 'attributes') {
      const a = new Map(args(rest))
      conf.attributes.push({ name, targets: expand(a.get('Arg') ?? ''), values: a.has('Value') ? a.get('Value')!.split('|') : [] })
    }
  }
  for (const [section, line] of sections(visualConf)) {
    const m = /^(\S+)\s+.*\b(?:bgColor|color):(#[0-9a-fA-F]{6})/.exec(line)
    if (section === 'drawing' && m) conf.colors.set(m[1], m[2])
  }
  return conf
}

/** Non-blank, non-comment lines with the section they are in. */
function* sections(text: string): Generator<[string, string]> {
  let section = ''
  for (const raw of text.split(/\r\n|\n|\r/)) {
    const line = raw.trim()
    if (line === '' || line.startsWith('#')) continue
    const head = /^\[(\w+)\]$/.exec(line)
    if (head) section = head[1]
    else yield [section, line]
  }
}
