import type { LabelType } from '../../domain/model'
import type { ExportLayer } from '../formatCodec'
import { bratStyleOf } from './bratMeta'
import { countOf } from '../../text/plural'

/**
 * brat's project configuration for an exported folder: `annotation.conf`
 * (the types: entities, relations with their argument types, events with
 * their roles, attributes with their values) and `visual.conf` (labels and
 * colours), so brat opens the folder as it is. Built from the workspace's
 * schema and from what the exported layers use (an imported corpus may use
 * types its schema never declared, and brat flags undeclared types).
 */
export interface BratConf {
  entities: string[]
  /** `roles`: the two role names, where a configuration chose other than Arg1 and Arg2. */
  relations: { type: string; arg1: string[]; arg2: string[]; equiv: boolean; roles?: [string, string] }[]
  events: { type: string; roles: { role: string; types: string[] }[] }[]
  attributes: { name: string; targets: string[]; values: string[] }[]
  /** Type -> `#rrggbb`. */
  colors: Map<string, string>
  /** Types used or in the schema that brat's configuration cannot declare as they are (see declarableInBrat), left out of it. */
  undeclared: string[]
}

/**
 * Whether brat's configuration reader (server/src/projectconfig.py) reads a type name as itself: it skips a line
 * starting with `#` (a comment), reads a line of hyphens as a separator, `!X` as X marked unusable, `A|B` as A with the
 * display name B, splits argument lists at `,` (so `Arg2:A,B` fails, and with it the whole configuration), and
 * replaces every character outside ASCII letters, digits, `_` and `-` with `_` (`人名` is declared as `__`, so the
 * annotations typed `人名` stay undeclared). Such names are left out of annotation.conf and visual.conf; the .ann
 * files keep them as they are.
 */
export function declarableInBrat(type: string): boolean {
  return /^[A-Za-z0-9_-]+$/u.test(type) && !/^-+$/u.test(type)
}

/** As the encoder writes names brat cannot carry. */
const bratName = (s: string): string => s.replace(/[\s:]+/gu, '_')
/** brat numbers repeated roles (`Theme2`, `Theme3`); the configuration declares the role once. */
const roleType = (role: string): string => role.replace(/(?<=\D)\d+$/u, '')
const ANY = '<ANY>'

type Targets = Set<'<ENTITY>' | '<EVENT>' | '<RELATION>'>

/** Gathers the types, roles and attributes the exported layers use. */
export class BratConfCollector {
  private readonly entities = new Set<string>()
  private readonly events = new Map<string, Map<string, Set<string>>>() // event type -> role -> arg types
  private readonly relations = new Map<string, { arg1: Set<string>; arg2: Set<string>; equiv: boolean; roles?: [string, string] }>()
  private readonly attributes = new Map<string, { targets: Targets; values: Set<string> }>()

  observe(layer: ExportLayer): void {
    const label = new Map(layer.spans.map((s) => [s.id, bratName(s.label)]))
    // As the encoder writes them: a span heading event roles is an event.
    const roleHeads = new Set(layer.relations.filter((r) => r.kind === 'role').map((r) => r.headId))
    const kind = new Map(layer.spans.map((s) => [s.id, roleHeads.has(s.id) ? 'trigger' : s.kind]))
    const { relationRoles } = bratStyleOf(layer.meta)
    for (const s of layer.spans) {
      const isEvent = kind.get(s.id) === 'trigger'
      if (isEvent) {
        if (!this.events.has(label.get(s.id)!)) this.events.set(label.get(s.id)!, new Map())
      } else this.entities.add(label.get(s.id)!)
      this.attributesOf(s.attributes, isEvent ? '<EVENT>' : '<ENTITY>')
    }
    for (const r of layer.relations) {
      const head = label.get(r.headId)
      const tail = label.get(r.tailId)
      if (head === undefined || tail === undefined) continue
      if (r.kind === 'role' && kind.get(r.headId) === 'trigger') {
        const roles = this.events.get(head)!
        const role = roleType(bratName(r.label))
        roles.set(role, (roles.get(role) ?? new Set()).add(tail))
        continue
      }
      const type = bratName(r.label)
      const rel = this.relations.get(type) ?? { arg1: new Set<string>(), arg2: new Set<string>(), equiv: r.kind === 'equiv' }
      this.relations.set(type, rel)
      rel.arg1.add(head)
      rel.arg2.add(tail)
      if (r.kind === 'binary' && relationRoles.has(r.label)) rel.roles = relationRoles.get(r.label)
      if (r.kind === 'equiv') {
        // An equivalence is symmetric: either member may stand first.
        rel.arg1.add(tail)
        rel.arg2.add(head)
      }
      if (r.kind === 'binary') this.attributesOf(r.attributes, '<RELATION>')
    }
  }

  private attributesOf(attrs: Record<string, unknown>, target: '<ENTITY>' | '<EVENT>' | '<RELATION>'): void {
    for (const [name, value] of Object.entries(attrs)) {
      if (value === false || /[\s:]/u.test(name)) continue
      const a = this.attributes.get(name) ?? { targets: new Set() as Targets, values: new Set<string>() }
      this.attributes.set(name, a)
      a.targets.add(target)
      if (value !== true) a.values.add(String(value).replace(/\s+/g, '_'))
    }
  }

  /** The configuration: the schema's labels, then whatever the layers used beyond them. */
  build(labels: LabelType[]): BratConf {
    const colors = new Map<string, string>()
    const roleNames = new Set([...this.events.values()].flatMap((roles) => [...roles.keys()]))
    const entities = new Set<string>()
    const relations = new Map(this.relations)
    const attributes = new Map(this.attributes)
    for (const l of labels) {
      const name = bratName(l.name)
      colors.set(name, l.color)
      if (l.kind === 'entity') {
        if (!this.events.has(name)) entities.add(name)
        for (const def of l.attributes) {
          const a = attributes.get(def.name) ?? { targets: new Set() as Targets, values: new Set<string>() }
          attributes.set(def.name, a)
          a.targets.add(this.events.has(name) ? '<EVENT>' : '<ENTITY>')
          if (def.type === 'enum') def.values.forEach((v) => a.values.add(v))
        }
      } else if (!relations.has(name) && !roleNames.has(roleType(name))) {
        relations.set(name, { arg1: new Set(l.headTypes.map(bratName)), arg2: new Set(l.tailTypes.map(bratName)), equiv: false })
      }
    }
    for (const e of this.entities) if (!this.events.has(e)) entities.add(e)
    // Names brat's configuration would misread are left out of it (declarableInBrat), and listed for a warning.
    const undeclared = new Set<string>()
    const ok = (t: string) => declarableInBrat(t) || (undeclared.add(t), false)
    const list = (s: Set<string>) => {
      const kept = [...s].filter(ok)
      return kept.length ? kept.sort() : [ANY]
    }
    return {
      entities: [...entities].filter(ok).sort(),
      relations: [...relations]
        .filter(([type]) => ok(type))
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([type, r]) => ({ type, arg1: list(r.arg1), arg2: list(r.arg2), equiv: r.equiv, ...(r.roles ? { roles: r.roles } : {}) })),
      events: [...this.events]
        .filter(([type]) => ok(type))
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([type, roles]) => ({
          type,
          roles: [...roles].filter(([role]) => ok(role)).sort(([a], [b]) => (a < b ? -1 : 1)).map(([role, types]) => ({ role, types: list(types) })),
        })),
      // An attribute value may be any word brat reads back, but `,` and `|` split the configuration's value list: an
      // attribute with such a value is left out whole (declared without it, brat would read it as another kind).
      attributes: [...attributes]
        .filter(([name, a]) => ok(name) && ([...a.values].every((v) => !/[,|]/u.test(v)) || (undeclared.add(`attribute ${name}`), false)))
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([name, a]) => ({ name, targets: [...a.targets].sort(), values: [...a.values].sort() })),
      colors,
      undeclared: [...undeclared].sort(),
    }
  }
}

/** The export's warning for the names annotation.conf leaves out (the first ten named). */
export function undeclaredInBrat(names: string[]): string {
  const shown = names.slice(0, 10).map((n) => JSON.stringify(n)).join(', ')
  const more = names.length > 10 ? ` and ${names.length - 10} more` : ''
  return `brat: ${countOf(names.length, 'name')} left out of annotation.conf and visual.conf, since brat's configuration reads a name as it is only when it is made of ASCII letters, digits, _ and -, and splits lists at "," and "|" (${shown}${more}); the .ann files keep them, and brat shows their annotations as undeclared`
}

/** `annotation.conf`: every role may occur any number of times (`*`), as the data may. */
export function writeAnnotationConf(conf: BratConf): string {
  const out = ['# Written by Spanwright for this export: the types its documents use.', '', '[entities]', ...conf.entities, '', '[relations]']
  for (const r of conf.relations) {
    const [head, tail] = r.roles ?? ['Arg1', 'Arg2']
    out.push(`${r.type}\t${head}:${r.arg1.join('|')}, ${tail}:${r.arg2.join('|')}${r.equiv ? ', <REL-TYPE>:symmetric-transitive' : ''}`)
  }
  out.push('', '[events]')
  for (const e of conf.events) out.push(e.roles.length ? `${e.type}\t${e.roles.map((r) => `${r.role}*:${r.types.join('|')}`).join(', ')}` : e.type)
  out.push('', '[attributes]')
  for (const a of conf.attributes) out.push(`${a.name}\tArg:${a.targets.join('|')}${a.values.length ? `, Value:${a.values.join('|')}` : ''}`)
  return `${out.join('\n')}\n`
}

/** `visual.conf`: each type's label and colour (relations draw their arc in it). */
export function writeVisualConf(conf: BratConf): string {
  const spanTypes = [...conf.entities, ...conf.events.map((e) => e.type)]
  const arcTypes = conf.relations.map((r) => r.type)
  const out = ['# Written by Spanwright for this export.', '', '[labels]', ...[...spanTypes, ...arcTypes].map((t) => `${t} | ${t}`), '', '[drawing]']
  for (const t of spanTypes) if (conf.colors.has(t)) out.push(`${t}\tbgColor:${conf.colors.get(t)}`)
  for (const t of arcTypes) if (conf.colors.has(t)) out.push(`${t}\tcolor:${conf.colors.get(t)}`)
  return `${out.join('\n')}\n`
}
