/**
 * An agreement figure that may be undefined. Undefined figures (kappa when the
 * expected agreement is 1, F1 with no spans on either side) are `null` with a
 * reason, never NaN, so JSON consumers and tables can say why.
 */
export type Figure = { value: number; reason: null } | { value: null; reason: string }

export function defined(value: number): Figure {
  return { value, reason: null }
}

export function undefinedFigure(reason: string): Figure {
  return { value: null, reason }
}

/** A ratio that is a Figure: `null` with `reason` when the denominator is 0. */
export function ratio(numerator: number, denominator: number, reason: string): Figure {
  return denominator === 0 ? undefinedFigure(reason) : defined(numerator / denominator)
}
