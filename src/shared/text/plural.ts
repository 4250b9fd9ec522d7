/** The noun for a count: `one` for exactly 1, else `many` (English: 0 and 2 take the plural). */
export const nounFor = (n: number, one: string, many = `${one}s`): string => (n === 1 ? one : many)

/** `1 layer`, `0 layers`, `3 relations`: a count with its noun, digits as they are (the CLI's lines, parsed by scripts). */
export const countOf = (n: number, one: string, many?: string): string => `${n} ${nounFor(n, one, many)}`
