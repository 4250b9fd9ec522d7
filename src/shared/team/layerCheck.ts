import { z } from 'zod'
import type { LayerContent } from './changeLog'

const Cell = z.union([z.string(), z.number(), z.null()])
const Cells = z.record(z.string(), Cell)
const Offset = z.number().int().nonnegative()

const Content = z.strictObject({
  spans: z.array(z.strictObject({ label: z.string().min(1).max(200), cells: Cells.and(z.object({ start: Offset, end: Offset })) })),
  relations: z.array(z.strictObject({ label: z.string().min(1).max(200), head: z.number().int().nonnegative(), tail: z.number().int().nonnegative(), cells: Cells })),
  status: z.enum(['todo', 'in_progress', 'done']).nullable(),
})

/**
 * What is wrong with a layer pulled from the server, or null. Row-level
 * security lets an annotator write only their own layer, but not what is in
 * it: a hostile or buggy client can store anything there, and one bad layer
 * must not stop everyone's pull. Offsets are checked against the document.
 */
export function layerProblem(content: unknown, textLength: number): string | null {
  const parsed = Content.safeParse(content)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    return `${issue.path.join('.') || 'content'}: ${issue.message}`
  }
  const c: LayerContent = parsed.data
  for (const [i, s] of c.spans.entries()) {
    const { start, end } = s.cells as { start: number; end: number }
    if (!(start < end && end <= textLength)) return `spans.${i}: ${start}-${end} is not a range of the document (${textLength} characters)`
  }
  for (const [i, r] of c.relations.entries()) if (r.head >= c.spans.length || r.tail >= c.spans.length) return `relations.${i}: its head or tail names no span of the layer`
  return null
}
