import { AppError } from '../../../shared/api/errors'

/** One named share of a split: `train=0.8`. */
export interface SplitPart {
  name: string
  share: number
}

/**
 * Parses `train=0.8,dev=0.1,test=0.1`. Shares must be positive and add up to
 * 1 (within rounding); names are plain words, as they become file names.
 */
export function parseSplit(spec: string): SplitPart[] {
  const parts = spec.split(',').map((p) => p.trim()).filter(Boolean)
  if (!parts.length) throw new AppError('bad_request', `--split needs name=share pairs, e.g. train=0.8,dev=0.1,test=0.1`)
  const out: SplitPart[] = []
  for (const p of parts) {
    const m = /^([A-Za-z0-9_-]+)=([0-9]*\.?[0-9]+)$/.exec(p)
    if (!m) throw new AppError('bad_request', `--split: ${JSON.stringify(p)} is not name=share (e.g. train=0.8)`)
    const share = Number(m[2])
    if (!(share > 0)) throw new AppError('bad_request', `--split: the share of ${m[1]} must be above 0`)
    if (out.some((x) => x.name === m[1])) throw new AppError('bad_request', `--split: ${m[1]} is named twice`)
    out.push({ name: m[1], share })
  }
  const total = out.reduce((a, b) => a + b.share, 0)
  if (Math.abs(total - 1) > 1e-6) throw new AppError('bad_request', `--split: the shares add up to ${Math.round(total * 1e6) / 1e6}, not 1`)
  return out
}

/**
 * A document's split: a seeded hash of its id mapped onto the cumulative
 * shares. Depends only on the id, the seed and the spec, so the same document
 * lands in the same split on every export, whatever else is in the workspace.
 */
export function splitOf(externalId: string, seed: number, parts: SplitPart[]): string {
  const u = hashUnit(`${seed}\u0000${externalId}`)
  let acc = 0
  for (const p of parts) {
    acc += p.share
    if (u < acc) return p.name
  }
  return parts[parts.length - 1].name
}

/** FNV-1a (32 bit) with a final avalanche, mapped to [0, 1). */
function hashUnit(s: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193)
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  h ^= h >>> 16
  return (h >>> 0) / 4294967296
}
