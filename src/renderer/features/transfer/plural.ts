/** `1 record`, `2,000 records`: a count with its noun, in the user's number format. */
export const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString()} ${n === 1 ? one : many}`
