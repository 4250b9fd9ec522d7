import { nounFor } from '../../../shared/text/plural'

/** `1 record`, `2,000 records`: a count with its noun, in the user's number format. */
export const plural = (n: number, one: string, many?: string) => `${n.toLocaleString()} ${nounFor(n, one, many)}`
