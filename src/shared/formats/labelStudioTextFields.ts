import { OffsetConverter } from '../text/offsets'
import type { OffsetUnit } from '../text/offsets'
import { isObject } from './codecSupport'
import { RecordError } from './importRecord'

/**
 * A Label Studio task whose regions lie on two or more `<Text>` objects (a
 * config with `<Text name="title" value="$title"/>` and `<Text name="body"
 * value="$body"/>`): each labelled field becomes a document of its own, id
 * `<task id>/<field>` (the data key), with the regions whose `to_name` is that
 * field's and the relations between two of them. A relation from a region of
 * one field to a region of another has no document to live in: it is counted
 * in the import notes (CROSS_FIELD_NOTE), never dropped silently.
 *
 * A region's `to_name` is the Text object's name, not the data key; it is taken
 * to be the data key of that name, else the one text field where all its
 * regions' `value.text` are found at their offsets. A `to_name` that fits no
 * field, or several, refuses the task naming it. JSON-MIN and CSV exports name
 * no Text object (labelStudioMin.ts reads every region as on "text"): there
 * each control's regions (`from_name`) are placed by where they fit.
 */

export const CROSS_FIELD_NOTE = 'Label Studio relations between regions of two text fields (the task became a document per field), not imported'

type Obj = Record<string, unknown>

export interface FieldTask {
  /** The data key of the text. */
  field: string
  /** The task with only this field's results. */
  task: Obj
  /** `data` without the other labelled fields. */
  data: Obj
  /** Relations across fields, counted on the first field's document. */
  crossRelations: number
}

const resultLists = (task: Obj): unknown[][] => {
  const out: unknown[][] = []
  for (const key of ['annotations', 'predictions']) {
    const list = task[key]
    if (!Array.isArray(list)) continue
    for (const a of list) if (isObject(a) && Array.isArray(a.result)) out.push(a.result)
  }
  return out
}

/** Does every region's `value.text` match `text` at its offsets? */
function fits(text: string, regions: Obj[], unit: OffsetUnit): boolean {
  const conv = new OffsetConverter(text)
  return regions.every((r) => {
    const v = r.value as Obj
    if (typeof v.start !== 'number' || typeof v.end !== 'number' || typeof v.text !== 'string') return false
    const s = conv.fromUnit(v.start, unit)
    const e = conv.fromUnit(v.end, unit)
    return s !== null && e !== null && text.slice(s, e) === v.text
  })
}

/** The task split by text field, or null when its `labels` regions name fewer than two Text objects. */
export function splitByTextField(task: Obj, data: Obj, unit: OffsetUnit, what: string): FieldTask[] | null {
  const grouped = (key: 'to_name' | 'from_name') => {
    const out = new Map<string, Obj[]>()
    for (const results of resultLists(task)) {
      for (const r of results) {
        if (!isObject(r) || r.type !== 'labels' || typeof r[key] !== 'string' || !isObject(r.value)) continue
        const list = out.get(r[key] as string) ?? []
        list.push(r)
        out.set(r[key] as string, list)
      }
    }
    return out
  }
  let byTarget = grouped('to_name')
  // JSON-MIN and CSV exports do not say which Text object a control labels (every region reads as on "text"): when
  // the data has no "text", each control's regions are placed by where they fit, and nothing is split on a doubt.
  const byControl = byTarget.size === 1 && typeof data.text !== 'string'
  if (byControl) byTarget = grouped('from_name')
  if (byTarget.size < 2) return null
  const texts = Object.keys(data).filter((k) => typeof data[k] === 'string')
  const fieldOf = new Map<string, string>()
  for (const [target, regions] of byTarget) {
    if (!byControl && texts.includes(target)) {
      fieldOf.set(target, target)
      continue
    }
    const fitting = texts.filter((k) => fits(data[k] as string, regions, unit))
    if (fitting.length !== 1) {
      if (byControl) return null
      throw new RecordError(`${what}: regions on ${byTarget.size} text objects (${[...byTarget.keys()].join(', ')}), and "${target}" names no data field${fitting.length ? ` (its regions fit ${fitting.join(' and ')})` : ''}; name each Text object after its data key`)
    }
    fieldOf.set(target, fitting[0])
  }
  const fields = [...new Set(fieldOf.values())]
  if (fields.length < 2) return null
  // Each region id's field, to place relations.
  const regionField = new Map<string, string>()
  for (const [target, regions] of byTarget) for (const r of regions) if (r.id !== undefined) regionField.set(String(r.id), fieldOf.get(target)!)
  let cross = 0
  const keep = (field: string, first: boolean) => (r: unknown): boolean => {
    if (!isObject(r)) return first
    const target = byControl ? r.from_name : r.to_name
    if (r.type === 'labels' && typeof target === 'string' && fieldOf.has(target)) return fieldOf.get(target) === field
    if (r.type === 'relation') {
      const from = regionField.get(String(r.from_id))
      const to = regionField.get(String(r.to_id))
      if (from !== undefined && to !== undefined && from !== to) {
        if (first) cross++
        return false
      }
      return (from ?? to) === field || (from === undefined && to === undefined && first)
    }
    // Other results (choices, a region on no labelled field): read once, with the first field's document.
    return first
  }
  const out = fields.map((field, i) => {
    const only = keep(field, i === 0)
    const filtered: Obj = { ...task }
    for (const key of ['annotations', 'predictions']) {
      const list = task[key]
      if (Array.isArray(list)) filtered[key] = list.map((a) => (isObject(a) && Array.isArray(a.result) ? { ...a, result: a.result.filter(only) } : a))
    }
    const rest = Object.fromEntries(Object.entries(data).filter(([k]) => k === field || !fields.includes(k)))
    return { field, task: filtered, data: rest, crossRelations: 0 }
  })
  out[0].crossRelations = cross
  return out
}
