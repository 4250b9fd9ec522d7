import { createHash } from 'node:crypto'
import type Database from 'better-sqlite3'
import { GoldItemStore } from './goldItemStore'
import { SEED_LAYER_OUTBOX } from './migrations/0009-team-outbox'
import { DROP_GOLD_LAYERS_FROM_OUTBOX, seedGoldOutbox } from './migrations/0011-gold-items'
import { inTeam, joinTeam } from './teamMembership'
import { dropOutboxTriggers } from './teamOutboxTriggers'
import { TeamStore } from './teamStore'

/** The team the workspace last joined (host:port/database), kept in team_sync across a leave. */
const JOINED_KEY = 'team.joined'
/** The id of that team's database (team schema 10), kept with it. */
const TEAM_ID_KEY = 'team.id'
/** Workspace settings that belong to a membership (the Team screen's connection); dropped on leaving. */
const MEMBERSHIP_SETTINGS = ['team.server', 'team.me', 'team.autoSyncSeconds']
const PAGE = 1000
const NOW = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')"

/** A layer's digest; a gold item's is prefixed with its kind, which a rejoin needs to push the deletion of an item no longer held. */
const digest = (json: string, itemKind?: string) => `${itemKind ? `${itemKind}:` : ''}${createHash('sha256').update(json).digest('base64')}`

export interface LeaveReport {
  /** The team it was in (host:port/database), when known. */
  team: string | null
  /** Changes made in the team and never pushed: kept, and pushed if the workspace rejoins that team. */
  unpushed: number
}

/**
 * Every layer and gold item the outbox would mark if the workspace joined now
 * (what it holds, and what the server had that it no longer holds), read as
 * sync would push it, a page at a time: `each(kind, documentId, key, baseVersion, content)`.
 */
function eachMarked(
  db: Database.Database,
  each: (kind: 'layer' | 'gold', documentId: number, key: string, base: number | null, content: string, changeId: string, itemKind?: string) => void,
): void {
  const layers = new TeamStore(db)
  for (let page = layers.pending(PAGE); page.length; page = layers.pending(PAGE, { documentId: page[page.length - 1].localDocumentId, annotatorId: page[page.length - 1].localAnnotatorId }))
    for (const l of page) each('layer', l.localDocumentId, String(l.localAnnotatorId), l.baseVersion, l.contentJson, l.changeId)
  const gold = new GoldItemStore(db)
  for (let page = gold.pending(PAGE); page.length; page = gold.pending(PAGE, page[page.length - 1]))
    for (const g of page) each('gold', g.localDocumentId, g.uid, g.baseVersion, JSON.stringify(g.content), g.changeId, g.kind)
}

/**
 * Leaves the team, in one transaction: the membership flag goes (the outbox
 * stops recording), and with it the outbox, waiting items, assignments, the
 * last sync's state and the Team screen's connection settings. The documents,
 * layers, gold and the copies kept aside by sync all stay. Kept too, for a rejoin of the same team: the server version each
 * layer and gold item was last synced at, the pull cursors, and a digest of
 * each of those items as it is now (team_rejoin), so that rejoining pushes
 * only what changed since, as ordinary compare-and-set writes; and the notes
 * of layer and gold pushes whose answer never came (team_layer_sent,
 * team_gold_sent), so that a rejoin of the same team still knows such a write
 * as its own and puts the edits made since on top of it, not into a conflict.
 * Joining another team drops them with the rest (joinTeamAt).
 */
export function leaveTeam(db: Database.Database): LeaveReport {
  return db
    .transaction(() => {
      if (!inTeam(db)) throw new Error('this workspace is not in a team (it joins one at its first sync)')
      const team = (db.prepare("SELECT value FROM team_sync WHERE key = 'team.joined'").get() as { value: string } | undefined)?.value ?? null
      const unpushed = new Set([
        ...(db.prepare('SELECT document_id, annotator_id FROM team_outbox').all() as { document_id: number; annotator_id: number }[]).map((r) => `layer|${r.document_id}|${r.annotator_id}`),
        ...(db.prepare('SELECT document_id, uid FROM team_gold_outbox').all() as { document_id: number; uid: string }[]).map((r) => `gold|${r.document_id}|${r.uid}`),
      ])
      // Mark everything, as a join would, plus what the server had and this desktop no longer holds, and read it.
      db.exec(`${SEED_LAYER_OUTBOX} ${DROP_GOLD_LAYERS_FROM_OUTBOX} ${seedGoldOutbox('').replace('INSERT INTO', 'INSERT OR IGNORE INTO')}
        INSERT OR IGNORE INTO team_outbox (document_id, annotator_id, change_id, changed_at) SELECT document_id, annotator_id, lower(hex(randomblob(16))), ${NOW} FROM team_layers;
        INSERT OR IGNORE INTO team_gold_outbox (document_id, uid, kind, change_id, changed_at)
          SELECT document_id, uid, ${GOLD_KIND_OF_UID}, lower(hex(randomblob(16))), ${NOW} FROM team_gold_versions;
        DELETE FROM team_rejoin;`)
      const keep = db.prepare('INSERT INTO team_rejoin (kind, document_id, key, digest) VALUES (?, ?, ?, ?)')
      eachMarked(db, (kind, documentId, key, base, content, _changeId, itemKind) => {
        // Only what the server has, as this desktop last synced it: anything else is pushed if it rejoins.
        if (base !== null && !unpushed.has(`${kind}|${documentId}|${key}`)) keep.run(kind, documentId, key, digest(content, itemKind))
      })
      // The outbox stops recording: its triggers exist only in a team (migration 16); joining creates them again.
      dropOutboxTriggers(db)
      db.exec(`DELETE FROM team_membership; DELETE FROM team_outbox; DELETE FROM team_gold_outbox; DELETE FROM team_gold_parked;
        DELETE FROM team_assignments; DELETE FROM team_sync WHERE key NOT LIKE 'cursor.%' AND key NOT LIKE 'desktop.%' AND key NOT IN ('${JOINED_KEY}', '${TEAM_ID_KEY}');
        DELETE FROM settings WHERE key IN (${MEMBERSHIP_SETTINGS.map((k) => `'${k}'`).join(', ')});`)
      return { team, unpushed: unpushed.size }
    })
    .immediate()
}

// A gold item the desktop no longer holds: its kind only matters for its digest's prefix (its content is null either way).
const GOLD_KIND_OF_UID = "CASE WHEN uid = 'status' THEN 'status' WHEN uid = 'review' THEN 'review' WHEN uid LIKE 'rej|%' THEN 'rejection' ELSE 'span' END"

/** A team as a sync meets it: its address (host:port/database, for messages) and the id its database holds (team schema 10). */
export interface TeamIdentity {
  where: string
  id: string
}

/** What joining at a sync did: nothing (already in this team), joined (a first sync or a rejoin), or joined anew because the team database is not the one the workspace was in. */
export type JoinOutcome = 'member' | 'joined' | 'replaced'

/**
 * Joins the team at a sync, when the workspace is not in it: a workspace that
 * left this same team pushes only what changed since (the digests kept when it
 * left), on the versions it last synced; one joining another team first
 * forgets what it knew of the old one, and so pushes all it holds, as any
 * first sync does. A team is known by its database's id, so a database
 * dropped and made again under the same name is another team, and a
 * workspace still in the old one joins the new one as another team (its
 * versions, cursors and pushed documents mean nothing there).
 *
 * The forgetting includes the notes of unanswered layer and gold pushes: a
 * note lets a refused push rebase on the noted write, that is, overwrite the
 * server's version without a conflict, which is right only while the local
 * layer or item descends from what that write sent. Once another team's copy
 * may have replaced it (its first push's conflicts take the server's copy), a
 * note of the old team's write would, back in the old team, push that other
 * copy over the layer there; without the note it is a conflict, with both
 * copies kept. A gold note is matched by content too (goldSync.ts, for when
 * the server's record of the write is pruned), so in another team it would
 * take someone else's identical item (a review status, a document status) for
 * this desktop's own write and push the edits made since over it.
 */
export function joinTeamAt(db: Database.Database, team: TeamIdentity): JoinOutcome {
  return db
    .transaction((): JoinOutcome => {
      const known = (key: string) => (db.prepare('SELECT value FROM team_sync WHERE key = ?').get(key) as { value: string } | undefined)?.value
      const setJoined = () => {
        const set = db.prepare('INSERT INTO team_sync (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value')
        set.run(JOINED_KEY, team.where)
        set.run(TEAM_ID_KEY, team.id)
      }
      const [id, where] = [known(TEAM_ID_KEY), known(JOINED_KEY)]
      const member = inTeam(db)
      // Before the id (team schema 10) a team was known by its address; with neither, whatever is kept is of an unknown team.
      const same = id !== undefined ? id === team.id : where !== undefined ? where === team.where : member || !keepsTeamState(db)
      if (member && same) {
        setJoined()
        return 'member'
      }
      if (member) leaveQuietly(db)
      // Another team: what it knew of the old one goes, the notes of its unanswered layer and gold pushes too.
      if (!same)
        db.exec(
          "DELETE FROM team_rejoin; DELETE FROM team_layers; DELETE FROM team_gold_versions; DELETE FROM team_documents; DELETE FROM team_layer_sent; DELETE FROM team_gold_sent; DELETE FROM team_sync WHERE key LIKE 'cursor.%';",
        )
      joinTeam(db)
      setJoined()
      const outcome = member ? 'replaced' : 'joined'
      if (!db.prepare('SELECT 1 FROM team_rejoin LIMIT 1').get()) return outcome
      // What the server had and this desktop no longer holds is marked too (a deletion made while out).
      db.exec(`INSERT OR IGNORE INTO team_outbox (document_id, annotator_id, change_id, changed_at)
          SELECT document_id, CAST(key AS INTEGER), lower(hex(randomblob(16))), ${NOW} FROM team_rejoin WHERE kind = 'layer';
        INSERT OR IGNORE INTO team_gold_outbox (document_id, uid, kind, change_id, changed_at)
          SELECT document_id, key, substr(digest, 1, instr(digest, ':') - 1), lower(hex(randomblob(16))), ${NOW} FROM team_rejoin WHERE kind = 'gold';`)
      const kept = db.prepare<[string, number, string], { digest: string }>('SELECT digest FROM team_rejoin WHERE kind = ? AND document_id = ? AND key = ?')
      const unchanged: { kind: 'layer' | 'gold'; changeId: string }[] = []
      eachMarked(db, (kind, documentId, key, _base, content, changeId, itemKind) => {
        if (kept.get(kind, documentId, key)?.digest === digest(content, itemKind)) unchanged.push({ kind, changeId })
      })
      const drop = { layer: db.prepare('DELETE FROM team_outbox WHERE change_id = ?'), gold: db.prepare('DELETE FROM team_gold_outbox WHERE change_id = ?') }
      for (const u of unchanged) drop[u.kind].run(u.changeId)
      db.exec('DELETE FROM team_rejoin')
      return outcome
    })
    .immediate()
}

/** Whether the workspace keeps anything of a team it was in: versions, cursors or a rejoin's digests. */
function keepsTeamState(db: Database.Database): boolean {
  return !!db.prepare("SELECT 1 FROM team_layers UNION ALL SELECT 1 FROM team_gold_versions UNION ALL SELECT 1 FROM team_rejoin UNION ALL SELECT 1 FROM team_sync WHERE key LIKE 'cursor.%' LIMIT 1").get()
}

/** Out of a team database that is no longer there: what only a membership holds goes (the outbox is marked again by joining). */
function leaveQuietly(db: Database.Database): void {
  dropOutboxTriggers(db)
  db.exec('DELETE FROM team_membership; DELETE FROM team_outbox; DELETE FROM team_gold_outbox; DELETE FROM team_gold_parked; DELETE FROM team_assignments;')
}
