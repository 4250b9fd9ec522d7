/**
 * The library table's column widths, from the table's width and the width of the longest document id seen.
 *
 * The id column is as wide as the longest id needs, within limits: at most 36% of the room titles and ids share,
 * and never so wide that titles get less than TITLE_MIN. An id longer than its column is cut in the middle
 * (components/IdText), so the end that tells `…_0042` from `…_0043` stays on screen. Below NARROW_TABLE the numeric and
 * badge columns take their compact widths and the Characters column is left out, so titles keep their room at
 * 1024 px (they had 26 px there).
 */
export type ColumnKey = 'title' | 'id' | 'length' | 'spans' | 'relations' | 'layers' | 'status' | 'review'
export type ColumnWidths = Record<ColumnKey, number>

/** Cell padding, left plus right, in each mode. */
export const CELL_PAD = { wide: 28, narrow: 20 }
/** A table narrower than this (px) uses the compact widths. */
export const NARROW_TABLE = 1180
export const TITLE_MIN = 240
const ID_MIN = 110
const ID_MAX = 420

type Fixed = Omit<ColumnWidths, 'title' | 'id'>
// Each fits its head (with its sort arrow) and its usual content ("In progress", four layer dots and a gold pill,
// "Review done" + Review); a longer review badge gives way with an ellipsis and keeps its Review link.
const WIDE: Fixed = { length: 118, spans: 84, relations: 100, layers: 110, status: 120, review: 210 }
// `length: 0`: the column is left out.
const NARROW: Fixed = { length: 0, spans: 76, relations: 92, layers: 84, status: 110, review: 172 }

/** `idText`: the rendered width (px) of the longest id's text, 0 when none is known yet. */
export function libraryColumns(tableWidth: number, idText: number): { narrow: boolean; widths: ColumnWidths } {
  const narrow = tableWidth < NARROW_TABLE
  const fixed = narrow ? NARROW : WIDE
  const pad = narrow ? CELL_PAD.narrow : CELL_PAD.wide
  const rest = tableWidth - Object.values(fixed).reduce((a, b) => a + b, 0)
  const wanted = Math.min(ID_MAX, Math.max(ID_MIN, Math.ceil(idText) + pad + 2))
  const id = Math.max(ID_MIN, Math.floor(Math.min(wanted, rest * 0.36, rest - TITLE_MIN)))
  return { narrow, widths: { ...fixed, id, title: Math.max(0, rest - id) } }
}
