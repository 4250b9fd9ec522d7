import type { GoldItemContent, GoldItemKind, KeptGoldRelation } from '../../shared/team/goldItems'
import type { GoldItemStore } from './goldItemStore'

class Refused extends Error {}

/**
 * Takes a kept-aside copy of a gold item back over the current one, by uid,
 * in one savepoint. A relation first puts back, by their uids, the spans it
 * was kept with that a sync removed since (another reviewer deleted one while
 * this reviewer related it), so taking it loses nothing; a span this
 * desktop's own unpushed edit deleted stays deleted, as the reviewer chose.
 * A string when it cannot be taken (a span it names is gone and cannot be put
 * back); nothing is then written.
 */
export function takeBack(gold: GoldItemStore, documentId: number, goldId: number, item: { kind: GoldItemKind; uid: string }, mine: GoldItemContent | null): string | null {
  const db = gold.db
  try {
    db.transaction(() => {
      const kept = item.kind === 'relation' && mine ? (mine as KeptGoldRelation) : null
      const ownDeletion = (uid: string) => !!db.prepare('SELECT 1 FROM team_gold_outbox WHERE document_id = ? AND uid = ?').get(documentId, uid)
      for (const [uid, span] of Object.entries(kept?.spans ?? {}))
        if (!gold.content(documentId, goldId, 'span', uid) && !ownDeletion(uid)) gold.write(documentId, goldId, { kind: 'span', uid, content: span })
      const why = gold.write(documentId, goldId, { ...item, content: mine })
      if (why) throw new Refused(why)
    })()
    return null
  } catch (e) {
    if (e instanceof Refused) return e.message
    throw e
  }
}
