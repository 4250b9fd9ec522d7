import { createHash } from 'node:crypto'

/** The one annotator whose layer the crash worker writes. */
export const CRASH_ANNOTATOR = 'crash'
/** Base documents the worker annotates; batch imports add documents named `<batch key>-<i>`. */
export const BASE_PREFIX = 'base-'

const sha = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 16)

export function spanHash(s: { documentId: number; annotator: string; label: string; start: number; end: number }): string {
  return sha(`${s.documentId}|${s.annotator}|${s.label}|${s.start}|${s.end}`)
}

export function relationHash(r: { documentId: number; label: string; headId: number; tailId: number }): string {
  return sha(`${r.documentId}|${r.label}|${r.headId}|${r.tailId}`)
}

/** A batch's documents in external-id order, each with its text and its spans as start:end:label. */
export interface BatchDoc {
  externalId: string
  text: string
  spans: string[]
}

export function batchHash(docs: BatchDoc[]): string {
  const sorted = [...docs].sort((a, b) => (a.externalId < b.externalId ? -1 : 1))
  return sha(sorted.map((d) => `${d.externalId}\n${d.text}\n${[...d.spans].sort().join(',')}`).join('\n--\n'))
}

