import type Database from 'better-sqlite3'
import type { CellValue, LayerKey } from '../../shared/team/changeLog'
import { GOLD_ANNOTATOR } from '../../shared/domain/model'
import { goldItemProblem, sameGoldContent } from '../../shared/team/goldItems'
import type {
  GoldItemContent,
  GoldItemKind,
  GoldRelationContent,
  GoldSpanContent,
  GoldStatusContent,
  KeptGoldRelation,
  OutgoingGoldItem,
  ReviewStatusContent,
  ServerGoldItem,
} from '../../shared/team/goldItems'
import { pullAction } from '../../shared/team/mergeRules'
import { relationKey, spanKey } from './migrations/0017-rejection-occurrence'
import { ON_SERVER_DOCUMENT } from './teamWaitingDocuments'
import { writeSentNote } from './synchronousLevel'

type Cells = Record<string, CellValue>
/** Columns that are local ids, or travel another way (label by name, trigger/head/tail by uid). */
const SPAN_SKIP = new Set(['id', 'document_id', 'annotator_id', 'label_id', 'uid', 'trigger_id', 'trigger_uid', 'label'])
const RELATION_SKIP = new Set(['id', 'document_id', 'annotator_id', 'label_id', 'uid', 'head_id', 'tail_id', 'head_uid', 'tail_uid', 'label'])
/** What `write` answers for a relation whose head or tail span this desktop's gold layer does not have. */
export const MISSING_SPAN = 'it names a span this desktop\'s gold layer does not have'
/** What `write` answers for a rejection of an annotator's item this desktop does not have (yet). */
const MISSING_ITEM = 'it names an item this desktop does not have'
// An annotator's item by the key its rejection keeps (migrations 11 and 17: annotator, offsets, label names, rank among identical items).
const SPAN_BY_KEY = `SELECT s.id FROM spans s WHERE s.document_id = ? AND ${spanKey('s')} = ? ORDER BY s.id LIMIT 1`
const RELATION_BY_KEY = `SELECT r.id FROM relations r WHERE r.document_id = ? AND ${relationKey('r')} = ? ORDER BY r.id LIMIT 1`
/** A pending item's place in a document's push: spans, then relations, then deleted spans (after the relations their deletion cascaded to), then the rest. */
const rankOf = (i: { kind: GoldItemKind; content: GoldItemContent | null }) => (i.kind === 'span' ? (i.content ? 0 : 2) : i.kind === 'relation' ? 1 : 3)
const table = (kind: 'span' | 'relation') => (kind === 'span' ? 'spans' : 'relations')

export interface PendingGoldItem extends OutgoingGoldItem {
  localDocumentId: number
}

/**
 * The gold layer's side of team sync (migration 11): gold items with unpushed
 * writes (`team_gold_outbox`, filled by triggers), the server version of each
 * item, and applying an item pulled from the server by its uid. An item is
 * read and written in the change-log shape: label by name, head, tail and
 * trigger by uid, no local ids.
 */
export class GoldItemStore {
  private known: Record<'spans' | 'relations', Set<string>> | undefined
  private readonly statements = new Map<string, Database.Statement>()

  /** `pullsRejections` false: a desktop that is not a reviewer's leaves pulled rejections aside (it could not push them back). */
  constructor(
    readonly db: Database.Database,
    private readonly pullsRejections = true,
  ) {}

  /** The workspace's span and relation columns, read on first use: every sync makes one of these (enrolment, gold), and most only read a cursor. */
  private get columns(): Record<'spans' | 'relations', Set<string>> {
    const cols = (t: string) => new Set((this.db.pragma(`table_info(${t})`) as { name: string }[]).map((c) => c.name))
    return (this.known ??= { spans: cols('spans'), relations: cols('relations') })
  }

  private sql<P extends unknown[] = unknown[], R = unknown>(text: string): Database.Statement<P, R> {
    let st = this.statements.get(text)
    if (!st) this.statements.set(text, (st = this.db.prepare(text)))
    return st as unknown as Database.Statement<P, R>
  }

  /** The gold annotator's id, created when missing (a desktop may pull gold before it has any). */
  goldId(): number {
    const found = this.sql<[string], { id: number }>('SELECT id FROM annotators WHERE name = ?').get(GOLD_ANNOTATOR)
    if (found) return found.id
    return Number(this.sql("INSERT INTO annotators (name, kind, created_at) VALUES (?, 'gold', ?)").run(GOLD_ANNOTATOR, new Date().toISOString()).lastInsertRowid)
  }

  hasParked(): boolean {
    return !!this.sql('SELECT 1 FROM team_gold_parked LIMIT 1').get()
  }

  pendingCount(): number {
    return this.sql<[], { n: number }>('SELECT COUNT(*) AS n FROM team_gold_outbox').get()!.n
  }

  /** Gold items with unpushed writes, as they now are (`limit` at a time, after the item `after`). */
  /** `on-server`: only items on documents the server has (the others wait for an admin to add their documents). */
  pending(limit: number, after: PendingGoldItem | null = null, only: 'all' | 'on-server' = 'all'): PendingGoldItem[] {
    // A document's spans go before its relations (in this batch or an earlier one), so a pull meets a relation's spans first;
    // a deleted span goes after them, so the server never sees it deleted while a relation this desktop also deleted still names it.
    const live = `EXISTS (SELECT 1 FROM spans s WHERE s.document_id = o.document_id AND s.uid = o.uid AND s.annotator_id = (SELECT id FROM annotators WHERE name = '${GOLD_ANNOTATOR}'))`
    const rank = `CASE o.kind WHEN 'span' THEN (CASE WHEN ${live} THEN 0 ELSE 2 END) WHEN 'relation' THEN 1 ELSE 3 END`
    const rows = this.sql<[number, number, string, number], { document_id: number; uid: string; kind: GoldItemKind; change_id: string; external_id: string; version: number | null }>(
      `SELECT o.document_id, o.uid, o.kind, o.change_id, d.external_id, v.version
         FROM team_gold_outbox o JOIN documents d ON d.id = o.document_id
         LEFT JOIN team_gold_versions v ON v.document_id = o.document_id AND v.uid = o.uid
        WHERE (o.document_id, ${rank}, o.uid) > (?, ?, ?) ${only === 'on-server' ? `AND ${ON_SERVER_DOCUMENT}` : ''} ORDER BY o.document_id, ${rank}, o.uid LIMIT ?`,
    ).all(after?.localDocumentId ?? 0, after ? rankOf(after) : 0, after?.uid ?? '', limit)
    if (!rows.length) return []
    const goldId = this.goldId()
    return rows.map((r) => ({
      localDocumentId: r.document_id,
      documentId: r.external_id,
      uid: r.uid,
      kind: r.kind,
      changeId: r.change_id,
      baseVersion: r.version,
      content: this.content(r.document_id, goldId, r.kind, r.uid),
    }))
  }

  /** One gold item as this desktop holds it, or null when it has none (deleted, or never had it). */
  content(documentId: number, goldId: number, kind: GoldItemKind, uid: string): GoldItemContent | null {
    if (kind === 'rejection') {
      const found = this.sql<[number, string], { n: number }>('SELECT 1 AS n FROM review_rejections WHERE document_id = ? AND item_key = ?').get(documentId, uid.slice(4))
      return found ? { rejected: true } : null
    }
    if (kind === 'review') {
      const rv = this.sql<[number], { status: string }>('SELECT status FROM review_status WHERE document_id = ?').get(documentId)
      return rv ? { review: rv.status } : null
    }
    if (kind === 'status') {
      const st = this.sql<[number, number], { status: string }>('SELECT status FROM document_status WHERE document_id = ? AND annotator_id = ?').get(documentId, goldId)
      return st ? { status: st.status } : null
    }
    const cells = (row: Cells, skip: Set<string>) => Object.fromEntries(Object.entries(row).filter(([k]) => !skip.has(k)))
    if (kind === 'span') {
      const s = this.sql<[number, number, string], Cells & { label: string; trigger_uid: string | null }>(
        `SELECT x.*, l.name AS label, (SELECT t.uid FROM spans t WHERE t.id = x.trigger_id) AS trigger_uid
           FROM spans x JOIN label_types l ON l.id = x.label_id WHERE x.document_id = ? AND x.annotator_id = ? AND x.uid = ?`,
      ).get(documentId, goldId, uid)
      return s ? ({ label: s.label, trigger: s.trigger_uid ?? null, cells: cells(s, SPAN_SKIP) } satisfies GoldSpanContent) : null
    }
    const r = this.sql<[number, number, string], Cells & { label: string; head_uid: string; tail_uid: string }>(
      `SELECT x.*, l.name AS label, h.uid AS head_uid, t.uid AS tail_uid
         FROM relations x JOIN label_types l ON l.id = x.label_id JOIN spans h ON h.id = x.head_id JOIN spans t ON t.id = x.tail_id
        WHERE x.document_id = ? AND x.annotator_id = ? AND x.uid = ?`,
    ).get(documentId, goldId, uid)
    return r ? ({ label: r.label, head: r.head_uid, tail: r.tail_uid, cells: cells(r, RELATION_SKIP) } satisfies GoldRelationContent) : null
  }

  /** Pushed items landed (or the server already held the same): clean unless written again since, at that version. */
  markPushed(done: { item: PendingGoldItem; version: number }[]): void {
    this.db.transaction(() => {
      for (const { item, version } of done) {
        this.sql('DELETE FROM team_gold_outbox WHERE change_id = ?').run(item.changeId)
        this.sql('DELETE FROM team_gold_sent WHERE document_id = ? AND uid = ?').run(item.localDocumentId, item.uid)
        this.setVersion(item.localDocumentId, item.uid, version)
      }
    }).immediate()
  }

  /** Before a push: its change ids, so that if its answer is lost, the write is later recognised as this desktop's own. */
  noteSent(items: PendingGoldItem[]): void {
    // With what it sent: once the server's record of the write is pruned, the content alone says it landed (migration 18).
    const st = this.sql('INSERT OR IGNORE INTO team_gold_sent (document_id, uid, change_id, content) VALUES (?, ?, ?, ?)')
    // Durable before the push leaves, as the layers' notes are (synchronousLevel.ts says why).
    writeSentNote(this.db, 'gold', () => this.db.transaction(() => items.forEach((i) => st.run(i.localDocumentId, i.uid, i.changeId, JSON.stringify(i.content)))).immediate())
  }

  /** Whether one of this item's pushes not yet answered sent exactly `content` (the server's copy is then that write, or the same). */
  sentContent(item: PendingGoldItem, content: GoldItemContent | null): boolean {
    return this.sql<[number, string], { content: string }>('SELECT content FROM team_gold_sent WHERE document_id = ? AND uid = ? AND content IS NOT NULL')
      .all(item.localDocumentId, item.uid)
      .some((r) => sameGoldContent(JSON.parse(r.content) as GoldItemContent | null, content))
  }

  /** The change ids of this item's pushes not yet answered. */
  sentIds(item: PendingGoldItem): string[] {
    return this.sql<[number, string], { change_id: string }>('SELECT change_id FROM team_gold_sent WHERE document_id = ? AND uid = ?')
      .all(item.localDocumentId, item.uid)
      .map((r) => r.change_id)
  }

  /**
   * The server's current version of the item is this desktop's own earlier
   * push (its answer was lost): the edits since were made on top of it, so they
   * are based on that version, and no conflict.
   */
  rebase(item: PendingGoldItem, version: number): void {
    this.db.transaction(() => {
      this.sql('DELETE FROM team_gold_sent WHERE document_id = ? AND uid = ?').run(item.localDocumentId, item.uid)
      this.setVersion(item.localDocumentId, item.uid, version)
    }).immediate()
  }

  /**
   * A lost race or a refusal: this desktop's copy of the item is kept whole in
   * team_conflicts beside the server's, and the server's copy (none: the item
   * goes) replaces it locally, in one transaction.
   */
  keepAside(item: PendingGoldItem, kind: 'conflict' | 'refused', reason: string, server: ServerGoldItem | null): void {
    this.db.transaction(() => {
      // A relation is kept with the spans it names as they are now: if one is deleted by then, taking this copy puts it back.
      const mine = item.kind === 'relation' && item.content ? this.withSpans(item.localDocumentId, item.content as GoldRelationContent) : item.content
      this.sql(
        `INSERT INTO team_conflicts (document_id, annotator_id, kind, reason, change_id, mine, server_version, created_at, item_uid, item_kind, theirs)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        item.localDocumentId,
        this.goldId(),
        kind,
        reason,
        item.changeId,
        JSON.stringify(mine),
        server?.version ?? null,
        new Date().toISOString(),
        item.uid,
        item.kind,
        server ? JSON.stringify(server.content) : null,
      )
      this.sql('DELETE FROM team_gold_outbox WHERE change_id = ?').run(item.changeId)
      const taken = server ?? { documentId: item.documentId, uid: item.uid, kind: item.kind, version: 0, seq: 0, content: null }
      const r = this.applyItems([taken], null, true)
      if (r.skipped.length) throw new Error(`${item.documentId}: ${r.skipped[0].reason}`)
    }).immediate()
  }

  private withSpans(documentId: number, r: GoldRelationContent): KeptGoldRelation {
    const goldId = this.goldId()
    const spans: Record<string, GoldSpanContent> = {}
    for (const uid of [r.head, r.tail]) {
      const s = this.content(documentId, goldId, 'span', uid)
      if (s) spans[uid] = s as GoldSpanContent
    }
    return { ...r, spans }
  }

  /**
   * Applies pulled gold items by uid and moves the cursor, in one transaction.
   * An item this desktop has unpushed edits of is kept (the next push finds the
   * conflict); `force` takes the server's copy anyway. Spans go before
   * relations, so a relation finds the spans it names.
   */
  applyItems(items: ServerGoldItem[], cursor: number | null, force = false): { applied: number; skipped: { layer: LayerKey; item: string; reason: string }[] } {
    return this.db.transaction(() => {
      let applied = 0
      const skipped: { layer: LayerKey; item: string; reason: string }[] = []
      const touched = new Set<number>()
      const goldId = this.goldId()
      const ordered = [...items.filter((i) => i.kind === 'span'), ...items.filter((i) => i.kind !== 'span')]
      for (const item of ordered) {
        const r = this.applyItem(item, goldId, force)
        if (typeof r === 'number') {
          applied++
          touched.add(r)
        } else if (r !== false) skipped.push({ layer: { documentId: item.documentId, annotator: GOLD_ANNOTATOR }, item: item.uid, reason: r })
      }
      // Relations that waited for their spans: again, now that this batch's spans are in (one still missing waits on).
      for (const p of this.sql<[], { document_id: number; uid: string; item: string }>('SELECT document_id, uid, item FROM team_gold_parked').all()) {
        this.sql('DELETE FROM team_gold_parked WHERE document_id = ? AND uid = ?').run(p.document_id, p.uid)
        const r = this.applyItem(JSON.parse(p.item) as ServerGoldItem, goldId, false)
        if (typeof r === 'number') {
          applied++
          touched.add(r)
        }
      }
      // Rows changed under this desktop's undo steps: those steps no longer apply.
      for (const documentId of touched)
        this.sql("UPDATE history SET state = 'discarded', changed_at = ? WHERE document_id = ? AND annotator_id = ? AND state != 'discarded'").run(
          new Date().toISOString(),
          documentId,
          goldId,
        )
      if (cursor !== null) this.sql("INSERT INTO team_sync (key, value) VALUES ('cursor.gold', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(String(cursor))
      return { applied, skipped }
    }).immediate()
  }

  /** The local document id when applied; false when not needed; a string: why it could not be (the local copy is kept). */
  private applyItem(item: ServerGoldItem, goldId: number, force: boolean): number | false | string {
    const doc = this.sql<[string], { id: number; length: number }>('SELECT id, length(text) AS length FROM documents WHERE external_id = ?').get(item.documentId)
    if (!doc) throw new Error(`the server has a gold item of document ${item.documentId}, which this workspace does not have`)
    const problem = goldItemProblem(item.kind, item.content, doc.length)
    if (problem) return `the server's copy of gold ${item.kind} ${item.uid} is malformed (${problem}); kept this desktop's copy`
    const base = this.sql<[number, string], { version: number }>('SELECT version FROM team_gold_versions WHERE document_id = ? AND uid = ?').get(doc.id, item.uid)
    const dirty = !!this.sql('SELECT 1 FROM team_gold_outbox WHERE document_id = ? AND uid = ?').get(doc.id, item.uid)
    if (item.kind === 'rejection' && !this.pullsRejections && !force) return false
    if (!force && pullAction({ baseVersion: base?.version ?? null, dirty }, item) !== 'apply') return false
    try {
      // A savepoint: a row the database refuses undoes this item only.
      const why = this.db.transaction(() => this.write(doc.id, goldId, item))()
      if (why === MISSING_SPAN || why === MISSING_ITEM) {
        // Its span comes later (another batch, another sync): the relation waits, and is tried again after each pulled batch.
        this.sql('INSERT OR REPLACE INTO team_gold_parked (document_id, uid, item) VALUES (?, ?, ?)').run(doc.id, item.uid, JSON.stringify(item))
        return false
      }
      if (why) return why
    } catch (e) {
      return `the server's copy of gold ${item.kind} ${item.uid} could not be stored (${(e as Error).message}); kept this desktop's copy`
    }
    // The item is now the server's: nothing of it to push (a relation its deletion cascaded to stays marked).
    this.sql('DELETE FROM team_gold_outbox WHERE document_id = ? AND uid = ?').run(doc.id, item.uid)
    this.sql('DELETE FROM team_gold_sent WHERE document_id = ? AND uid = ?').run(doc.id, item.uid)
    this.sql('DELETE FROM team_gold_parked WHERE document_id = ? AND uid = ?').run(doc.id, item.uid)
    if (item.version === 0) this.sql('DELETE FROM team_gold_versions WHERE document_id = ? AND uid = ?').run(doc.id, item.uid)
    else this.setVersion(doc.id, item.uid, item.version)
    return doc.id
  }

  /** Writes one item by uid (insert, update in place, or delete); a string when a relation's span is missing. */
  write(documentId: number, goldId: number, item: { kind: GoldItemKind; uid: string; content: GoldItemContent | null; by?: string }): string | null {
    if (item.kind === 'rejection') {
      const key = item.uid.slice(4)
      if (item.content === null) this.sql('DELETE FROM review_rejections WHERE document_id = ? AND item_key = ?').run(documentId, key)
      else if (!this.sql('SELECT 1 FROM review_rejections WHERE document_id = ? AND item_key = ?').get(documentId, key)) {
        const kind = key.split('|')[1] === 'relation' ? 'relation' : 'span'
        const found = this.sql<[number, string], { id: number }>(kind === 'span' ? SPAN_BY_KEY : RELATION_BY_KEY).get(documentId, key)
        if (!found) return MISSING_ITEM
        this.sql(`INSERT INTO review_rejections (document_id, ${kind}_id, rejected_by, rejected_at) VALUES (?, ?, ?, ?)`).run(
          documentId,
          found.id,
          item.by ?? 'team',
          new Date().toISOString(),
        )
      }
      return null
    }
    if (item.kind === 'review') {
      if (item.content === null) this.sql('DELETE FROM review_status WHERE document_id = ?').run(documentId)
      else
        this.sql(
          `INSERT INTO review_status (document_id, status, updated_by, updated_at) VALUES (?, ?, ?, ?)
           ON CONFLICT (document_id) DO UPDATE SET status = excluded.status, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
        ).run(documentId, (item.content as ReviewStatusContent).review, item.by ?? this.reviewer(documentId), new Date().toISOString())
      return null
    }
    if (item.kind === 'status') {
      if (item.content === null) this.sql('DELETE FROM document_status WHERE document_id = ? AND annotator_id = ?').run(documentId, goldId)
      else
        this.sql(
          `INSERT INTO document_status (document_id, annotator_id, status, updated_at) VALUES (?, ?, ?, ?)
           ON CONFLICT (document_id, annotator_id) DO UPDATE SET status = excluded.status, updated_at = excluded.updated_at`,
        ).run(documentId, goldId, (item.content as GoldStatusContent).status, new Date().toISOString())
      return null
    }
    const t = table(item.kind)
    const existing = this.sql<[number, number, string], { id: number }>(`SELECT id FROM ${t} WHERE document_id = ? AND annotator_id = ? AND uid = ?`).get(documentId, goldId, item.uid)
    if (item.content === null) {
      if (existing) this.sql(`DELETE FROM ${t} WHERE id = ?`).run(existing.id)
      return null
    }
    const spanId = (uid: string) => this.sql<[number, number, string], { id: number }>('SELECT id FROM spans WHERE document_id = ? AND annotator_id = ? AND uid = ?').get(documentId, goldId, uid)?.id
    const { cells } = item.content as GoldSpanContent | GoldRelationContent
    const row: Cells = { ...cells, document_id: documentId, annotator_id: goldId, uid: item.uid, created_at: cells.created_at ?? new Date().toISOString() }
    if (item.kind === 'span') {
      const c = item.content as GoldSpanContent
      row.label_id = this.labelId('entity', c.label)
      if (this.columns.spans.has('trigger_id')) row.trigger_id = c.trigger === null ? null : (spanId(c.trigger) ?? null)
    } else {
      const c = item.content as GoldRelationContent
      const [head, tail] = [spanId(c.head), spanId(c.tail)]
      if (head === undefined || tail === undefined) return MISSING_SPAN
      Object.assign(row, { label_id: this.labelId('relation', c.label), head_id: head, tail_id: tail })
    }
    const cols = Object.keys(row).filter((c) => c !== 'id' && this.columns[t].has(c))
    if (existing) this.sql(`UPDATE ${t} SET ${cols.map((c) => `"${c}" = ?`).join(', ')} WHERE id = ?`).run(...cols.map((c) => row[c]), existing.id)
    else this.sql(`INSERT INTO ${t} (${cols.map((c) => `"${c}"`).join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`).run(...cols.map((c) => row[c]))
    return null
  }

  /** Who last set the document's review status here (kept when this desktop's own copy is put back). */
  private reviewer(documentId: number): string {
    return this.sql<[number], { updated_by: string }>('SELECT updated_by FROM review_status WHERE document_id = ?').get(documentId)?.updated_by ?? 'team'
  }

  /** A label by name; one the team schema has not delivered yet is created plain, so no pulled item is dropped. */
  private labelId(kind: 'entity' | 'relation', name: string): number {
    const found = this.sql<[string, string], { id: number }>('SELECT id FROM label_types WHERE kind = ? AND name = ?').get(kind, name)
    if (found) return found.id
    return Number(this.sql("INSERT INTO label_types (kind, name, color) VALUES (?, ?, '#888888')").run(kind, name).lastInsertRowid)
  }

  version(documentId: number, uid: string): number | null {
    return this.sql<[number, string], { version: number }>('SELECT version FROM team_gold_versions WHERE document_id = ? AND uid = ?').get(documentId, uid)?.version ?? null
  }

  private setVersion(documentId: number, uid: string, version: number): void {
    this.sql(
      `INSERT INTO team_gold_versions (document_id, uid, version) VALUES (?, ?, ?)
       ON CONFLICT (document_id, uid) DO UPDATE SET version = excluded.version`,
    ).run(documentId, uid, version)
  }

  cursor(): number {
    return Number(this.sql<[], { value: string }>("SELECT value FROM team_sync WHERE key = 'cursor.gold'").get()?.value ?? 0)
  }
}
