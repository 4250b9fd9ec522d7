import type { ClientBase } from 'pg'
import { GOLD_ANNOTATOR } from '../../shared/domain/model'
import type { SyncReport } from '../../shared/team/changeLog'
import type { GoldRelationContent } from '../../shared/team/goldItems'
import { GoldParkedStore } from '../store/goldParkedStore'
import type { ParkedGoldItem } from '../store/goldParkedStore'
import type Database from 'better-sqlite3'
import { goldItemOf } from './serverGold'

/** Full syncs a pulled item may wait for what it names before it is reported and no longer kept. */
export const PARKED_SYNCS = 3

/**
 * After a full pull, the gold items still waiting (a relation for its spans,
 * a rejection for its annotator's item) either wait one more sync or end
 * their wait, reported in the sync's summary with a plain reason: at once when
 * a span the relation names is deleted on the server (the deletion wins, as
 * deleting a span removes its relations), else after `maxSyncs` syncs (a
 * hostile or broken client's item whose span never comes). Nothing waits
 * forever in silence.
 */
export async function settleParked(client: ClientBase, db: Database.Database, report: SyncReport, maxSyncs = PARKED_SYNCS): Promise<void> {
  const parked = new GoldParkedStore(db)
  for (const p of parked.list()) {
    const why = (await deletedSpan(client, p)) ?? (p.waits + 1 >= maxSyncs ? neverArrived(p, p.waits + 1) : null)
    if (why === null) {
      parked.waited(p)
      continue
    }
    parked.drop(p)
    report.skipped.push({ layer: { documentId: p.item.documentId, annotator: GOLD_ANNOTATOR }, reason: why })
  }
}

const relationOf = (p: ParkedGoldItem): GoldRelationContent | null => (p.item.kind === 'relation' && p.item.content ? (p.item.content as GoldRelationContent) : null)

/** The reason when a span the parked relation names is deleted on the server, else null. */
async function deletedSpan(client: ClientBase, p: ParkedGoldItem): Promise<string | null> {
  const r = relationOf(p)
  if (!r) return null
  for (const uid of [r.head, r.tail]) {
    const span = await goldItemOf(client, { documentId: p.item.documentId, uid })
    if (span && span.content === null)
      return `gold relation ${r.label} (${p.item.uid}) was not kept: the span ${uid} it names was deleted on the server (the deletion wins, as deleting a span removes its relations)`
  }
  return null
}

function neverArrived(p: ParkedGoldItem, syncs: number): string {
  const r = relationOf(p)
  if (r) return `gold relation ${r.label} (${p.item.uid}) was not kept: a span it names (${r.head} or ${r.tail}) did not arrive in ${syncs} syncs`
  return `gold ${p.item.kind} ${p.item.uid} was not kept: the item it names did not arrive in ${syncs} syncs (its annotator may have changed or deleted it)`
}
