/**
 * Label Studio's JSON-MIN export (label-studio-converter's
 * `convert_to_json_min`): one flat record per annotation. The task's data
 * fields sit at the top level beside its `id`; each control tag's regions are
 * a list under the tag's name (`"label": [{start, end, text, labels}]`); a
 * single choice is a plain string; and `annotator`, `annotation_id`,
 * `created_at`, `updated_at`, `lead_time` describe the annotation. Relations
 * are not in it. Here such a record becomes the full task Label Studio's JSON
 * export would have written, so one reader serves both.
 */

type Obj = Record<string, unknown>

const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v)
const isIndex = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= 0

const minRegion = (r: unknown) => isObj(r) && isIndex(r.start) && isIndex(r.end) && Array.isArray(r.labels)

/** A non-empty list of JSON-MIN text regions (the first 50 checked). */
export const isMinRegionList = (v: unknown): boolean => Array.isArray(v) && v.length > 0 && v.slice(0, 50).every(minRegion)

/** The annotation's own fields in a JSON-MIN record. */
export const MIN_ANNOTATION_KEYS: ReadonlySet<string> = new Set(['annotator', 'annotation_id', 'created_at', 'updated_at', 'lead_time'])

/** A JSON-MIN record: no `data`, `annotations` or `predictions`, and some key holding text regions. */
export function isJsonMinRecord(o: Obj): boolean {
  if (o.data !== undefined || o.annotations !== undefined || o.predictions !== undefined) return false
  for (const k in o) if (isMinRegionList(o[k])) return true
  return false
}

/** The full task a JSON-MIN record stands for: its data, and one annotation completed by its annotator. */
export function taskFromJsonMin(o: Obj): Obj {
  const data: Obj = {}
  const result: Obj[] = []
  const annotation: Obj = {}
  for (const [k, v] of Object.entries(o)) {
    if (k === 'id') continue
    if (isMinRegionList(v)) {
      for (const value of v as Obj[]) result.push({ from_name: k, to_name: 'text', type: 'labels', value })
    } else if (MIN_ANNOTATION_KEYS.has(k)) annotation[k] = v
    else data[k] = v
  }
  const { annotator, annotation_id: id, ...rest } = annotation
  return {
    ...(o.id === undefined ? {} : { id: o.id }),
    data,
    annotations: [{ ...(id === undefined ? {} : { id }), ...(annotator === undefined ? {} : { completed_by: annotator }), ...rest, result }],
  }
}
