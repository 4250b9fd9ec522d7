/** The narrowest a column gets (some 18 characters a line at the columns' text size); narrower, the columns wrap into rows. */
const MIN_COLUMN = 160

/**
 * How the columns sit in a row `width` px wide: one row while each gets MIN_COLUMN px, else as few rows as that allows,
 * balanced (4 columns that fit 3 a row go 2 and 2). The row never scrolls sideways: at 1024 px, alice, bob, carol and
 * gold needed 1000 px of a 664 px row.
 */
export function columnGrid(count: number, width: number): { perRow: number; rows: number } {
  if (count < 1 || width <= 0) return { perRow: Math.max(count, 1), rows: 1 }
  const fit = Math.max(1, Math.floor(width / MIN_COLUMN))
  const rows = Math.ceil(count / fit)
  return { perRow: Math.ceil(count / rows), rows }
}
