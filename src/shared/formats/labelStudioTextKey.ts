import { OffsetConverter } from '../text/offsets'
import type { OffsetUnit } from '../text/offsets'
import { RecordError } from './importRecord'
import { isObject } from './codecSupport'

/**
 * Which `data` field of a Label Studio task holds the text. The labeling
 * config names it (`<Text name="text" value="$dialogue"/>` puts the text in
 * `data.dialogue`), and the export does not carry the config; the results'
 * `to_name` is the Text tag's name, not the data key. So: `text` when it is a
 * string; else the one string field that is not a media URL; else, of
 * several, the one where every region's `value.text` is found at its
 * offsets. Anything else is refused, naming the fields.
 */

/** Media a task points at (`https://…`, `s3://…`, Label Studio's `/data/upload/…`), never the text. */
const MEDIA_URL = /^([a-z][a-z0-9+.-]*:\/\/|\/data\/)\S*$/iu

interface Region {
  start: number
  end: number
  text: string
}

/** The `labels` regions with a `value.text` in a task's annotations and predictions (shapes checked later by the reader). */
function regionsOf(task: Record<string, unknown>): Region[] {
  const out: Region[] = []
  for (const key of ['annotations', 'predictions']) {
    const list = task[key]
    if (!Array.isArray(list)) continue
    for (const a of list) {
      if (!isObject(a) || !Array.isArray(a.result)) continue
      for (const r of a.result) {
        if (!isObject(r) || r.type !== 'labels' || !isObject(r.value)) continue
        const { start, end, text } = r.value
        if (typeof start === 'number' && typeof end === 'number' && typeof text === 'string') out.push({ start, end, text })
      }
    }
  }
  return out
}

function regionsMatch(text: string, regions: Region[], unit: OffsetUnit): boolean {
  const conv = new OffsetConverter(text)
  return regions.every((r) => {
    const s = conv.fromUnit(r.start, unit)
    const e = conv.fromUnit(r.end, unit)
    return s !== null && e !== null && text.slice(s, e) === r.text
  })
}

/** A task's text that is a link to it (`<Text valueType="url">`), when regions were drawn on the text it points to. */
export function refuseLinkedText(task: Record<string, unknown>, text: string, what: string): void {
  if (MEDIA_URL.test(text) && regionsOf(task).length && text.length < 2048) {
    throw new RecordError(`${what} is a link (${JSON.stringify(text)}), as a Text tag with valueType="url" exports it; Spanwright needs the text itself in the task`)
  }
}

export function textKeyOf(task: Record<string, unknown>, data: Record<string, unknown>, unit: OffsetUnit, what: string): string {
  if (data.text !== undefined) return 'text'
  const candidates = Object.keys(data).filter((k) => typeof data[k] === 'string' && !MEDIA_URL.test(data[k] as string))
  if (candidates.length === 1) return candidates[0]
  if (candidates.length === 0) {
    throw new RecordError(`${what}: data has no "text" and no other text field (keys: ${Object.keys(data).join(', ') || 'none'})`)
  }
  const regions = regionsOf(task)
  const fitting = regions.length ? candidates.filter((k) => regionsMatch(data[k] as string, regions, unit)) : []
  if (fitting.length === 1) return fitting[0]
  throw new RecordError(`${what}: data has no "text" and several text fields (${candidates.join(', ')}); name the text field "text"`)
}
