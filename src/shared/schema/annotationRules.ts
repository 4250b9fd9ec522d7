import type { AttributeValue, LabelType } from '../domain/model'

/**
 * The schema's rules for annotations, shared by the store (which enforces them)
 * and the editor (which offers only what they allow).
 */

/** Why a relation of `type` cannot join a `head` span to a `tail` span (by their labels); null when it can. */
export function relationConstraintError(type: LabelType, head: string, tail: string): string | null {
  if (type.headTypes.length && !type.headTypes.includes(head)) {
    return `${type.name} needs a head of type ${type.headTypes.join(' or ')}, not ${head}`
  }
  if (type.tailTypes.length && !type.tailTypes.includes(tail)) {
    return `${type.name} needs a tail of type ${type.tailTypes.join(' or ')}, not ${tail}`
  }
  return null
}

/** The relation types whose head/tail constraints allow this pair, in schema order. */
export function allowedRelationTypes(labels: LabelType[], head: string, tail: string): LabelType[] {
  return labels.filter((l) => l.kind === 'relation' && relationConstraintError(l, head, tail) === null)
}

/** Why these attribute values do not fit the label's attribute definitions; null when they do. */
export function attributeError(label: LabelType, attributes: Record<string, AttributeValue>): string | null {
  const defs = new Map(label.attributes.map((a) => [a.name, a]))
  for (const [name, value] of Object.entries(attributes)) {
    const def = defs.get(name)
    if (!def) {
      const known = label.attributes.map((a) => a.name)
      return `${label.name} has no attribute ${JSON.stringify(name)} (${known.length ? `it has ${known.join(', ')}` : 'it has none'})`
    }
    if (def.type === 'boolean' && typeof value !== 'boolean') {
      return `attribute ${name} of ${label.name} is true or false, not ${JSON.stringify(value)}`
    }
    if (def.type === 'enum' && (typeof value !== 'string' || !def.values.includes(value))) {
      return `attribute ${name} of ${label.name} is one of ${def.values.join(', ')}, not ${JSON.stringify(value)}`
    }
  }
  return null
}
