import type { Migration } from './migration'

const GOLD = (row: 'NEW' | 'OLD') => `${row}.annotator_id IN (SELECT id FROM annotators WHERE name = 'gold')`
const NOW = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')"
// `guard`: a condition put before a trigger's own (migration 14 adds 'the workspace is in a team'); '' here.
const and = (guard: string, cond: string) => (guard ? `${guard} AND ${cond}` : cond)

// Migration 9's layer triggers, now for every layer but gold (gold travels item by item).
const layerTouch = (table: string, when: string, row: 'NEW' | 'OLD', guard = '', gold = GOLD) => `
    DROP TRIGGER team_outbox_${table}_${when.toLowerCase()};
    CREATE TRIGGER team_outbox_${table}_${when.toLowerCase()} AFTER ${when} ON ${table} WHEN ${and(guard, `NOT ${gold(row)}`)} BEGIN
      DELETE FROM team_outbox WHERE document_id = ${row}.document_id AND annotator_id = ${row}.annotator_id;
      INSERT INTO team_outbox (document_id, annotator_id, change_id, changed_at)
      VALUES (${row}.document_id, ${row}.annotator_id, lower(hex(randomblob(16))), ${NOW});
    END;`

// A gold item's write marks that item (by uid) under a fresh change id; delete then insert, as in migration 9.
const goldTouch = (table: 'spans' | 'relations', when: string, row: 'NEW' | 'OLD', guard = '', gold = GOLD) => `
    CREATE TRIGGER team_gold_outbox_${table}_${when.toLowerCase()} AFTER ${when} ON ${table} WHEN ${and(guard, `${row}.uid IS NOT NULL AND ${gold(row)}`)} BEGIN
      DELETE FROM team_gold_outbox WHERE document_id = ${row}.document_id AND uid = ${row}.uid;
      INSERT INTO team_gold_outbox (document_id, uid, kind, change_id, changed_at)
      VALUES (${row}.document_id, ${row}.uid, '${table === 'spans' ? 'span' : 'relation'}', lower(hex(randomblob(16))), ${NOW});
    END;`

// The gold layer's status of a document is one more item, uid 'status'.
const statusTouch = (when: string, row: 'NEW' | 'OLD', guard = '', gold = GOLD) => `
    CREATE TRIGGER team_gold_outbox_status_${when.toLowerCase()} AFTER ${when} ON document_status
      WHEN ${and(guard, gold(row))}${when === 'UPDATE' ? ' AND OLD.status IS NOT NEW.status' : ''} BEGIN
      DELETE FROM team_gold_outbox WHERE document_id = ${row}.document_id AND uid = 'status';
      INSERT INTO team_gold_outbox (document_id, uid, kind, change_id, changed_at)
      VALUES (${row}.document_id, 'status', 'status', lower(hex(randomblob(16))), ${NOW});
    END;`

// A document's review status travels like a gold item too (uid 'review'): reviewers write it.
const reviewTouch = (when: string, row: 'NEW' | 'OLD', guard = '') => `
    CREATE TRIGGER team_gold_outbox_review_${when.toLowerCase()} AFTER ${when} ON review_status
      ${when === 'UPDATE' ? `WHEN ${and(guard, 'OLD.status IS NOT NEW.status')}` : guard ? `WHEN ${guard}` : ''} BEGIN
      DELETE FROM team_gold_outbox WHERE document_id = ${row}.document_id AND uid = 'review';
      INSERT INTO team_gold_outbox (document_id, uid, kind, change_id, changed_at)
      VALUES (${row}.document_id, 'review', 'review', lower(hex(randomblob(16))), ${NOW});
    END;`

// A reviewer's rejection of an annotator's item travels too (uid 'rej|' + the item's key): the item named by what it is
// (annotator, offsets, label names), the same on every desktop, kept on the row so its deletion (a cascade) still knows it.
const ITEM_KEY = (row: string) => `COALESCE(
      (SELECT a.name || '|span|' || s.start || '-' || s."end" || ':' || l.name
         FROM spans s JOIN annotators a ON a.id = s.annotator_id JOIN label_types l ON l.id = s.label_id WHERE s.id = ${row}.span_id),
      (SELECT a.name || '|relation|' || h.start || '-' || h."end" || ':' || hl.name || '>' || t.start || '-' || t."end" || ':' || tl.name || '=' || l.name
         FROM relations r JOIN annotators a ON a.id = r.annotator_id JOIN label_types l ON l.id = r.label_id
         JOIN spans h ON h.id = r.head_id JOIN label_types hl ON hl.id = h.label_id JOIN spans t ON t.id = r.tail_id JOIN label_types tl ON tl.id = t.label_id
        WHERE r.id = ${row}.relation_id))`
const rejectionTouch = (row: 'NEW' | 'OLD') => `
      DELETE FROM team_gold_outbox WHERE document_id = ${row}.document_id AND uid = 'rej|' || ${row}.item_key;
      INSERT INTO team_gold_outbox (document_id, uid, kind, change_id, changed_at)
      VALUES (${row}.document_id, 'rej|' || ${row}.item_key, 'rejection', lower(hex(randomblob(16))), ${NOW});`
const rejectionTriggers = (guard = '') => `
    CREATE TRIGGER team_gold_outbox_rejection_set AFTER UPDATE OF item_key ON review_rejections WHEN ${and(guard, 'NEW.item_key IS NOT NULL')} BEGIN${rejectionTouch('NEW')}
    END;
    CREATE TRIGGER team_gold_outbox_rejection_delete AFTER DELETE ON review_rejections WHEN ${and(guard, 'OLD.item_key IS NOT NULL')} BEGIN${rejectionTouch('OLD')}
    END;`
const REJECTIONS = `
    CREATE TRIGGER review_rejection_key AFTER INSERT ON review_rejections BEGIN
      UPDATE review_rejections SET item_key = ${ITEM_KEY('NEW')} WHERE id = NEW.id;
    END;${rejectionTriggers()}`

// Every new gold row gets its uid as it is created (ALTER TABLE cannot give a column a random default).
export const uidOnInsert = (table: 'spans' | 'relations', gold = GOLD) => `
    CREATE TRIGGER gold_uid_${table} AFTER INSERT ON ${table} WHEN NEW.uid IS NULL AND ${gold('NEW')} BEGIN
      UPDATE ${table} SET uid = lower(hex(randomblob(16))) WHERE id = NEW.id;
    END;`

/** Marks every gold item (spans, relations, gold status, review status, rejections) `where` says; also run when a workspace joins a team. */
export const seedGoldOutbox = (where: string) => `INSERT INTO team_gold_outbox (document_id, uid, kind, change_id, changed_at)
      SELECT document_id, uid, kind, lower(hex(randomblob(16))), ${NOW} FROM (
        SELECT document_id, uid, 'span' AS kind FROM spans WHERE uid IS NOT NULL UNION ALL SELECT document_id, uid, 'relation' FROM relations WHERE uid IS NOT NULL
        UNION ALL SELECT document_id, 'status', 'status' FROM document_status WHERE ${GOLD('NEW').replace('NEW.', 'document_status.')}
        UNION ALL SELECT document_id, 'review', 'review' FROM review_status
        UNION ALL SELECT document_id, 'rej|' || item_key, 'rejection' FROM review_rejections WHERE item_key IS NOT NULL)
       ${where};`
/** Gold travels item by item, never in the layer outbox. */
export const DROP_GOLD_LAYERS_FROM_OUTBOX = "DELETE FROM team_outbox WHERE annotator_id IN (SELECT id FROM annotators WHERE name = 'gold');"

/** Every outbox trigger this migration creates (not the uid and item-key ones), dropped and created again under `guard`. */
export const outboxTriggersUnder = (guard: string, gold: (row: 'NEW' | 'OLD') => string = GOLD): string => {
  const rows = [['INSERT', 'NEW'], ['UPDATE', 'NEW'], ['DELETE', 'OLD']] as const
  const drop = (name: string, when: string) => `\n    DROP TRIGGER team_gold_outbox_${name}_${when.toLowerCase()};`
  return [
    ...['spans', 'relations', 'document_status'].flatMap((t) => rows.map(([w, r]) => layerTouch(t, w, r, guard, gold))),
    ...(['spans', 'relations'] as const).flatMap((t) => rows.map(([w, r]) => drop(t, w) + goldTouch(t, w, r, guard, gold))),
    ...rows.map(([w, r]) => drop('status', w) + statusTouch(w, r, guard, gold)),
    ...rows.map(([w, r]) => drop('review', w) + reviewTouch(w, r, guard)),
    drop('rejection', 'set') + drop('rejection', 'delete') + rejectionTriggers(guard),
  ].join('\n')
}

/**
 * Gold items get a stable identity across desktops, so team sync can
 * compare-and-set each one (two reviewers editing different items of one
 * document no longer collide). `uid` is set on gold rows only; other layers
 * keep travelling whole. `team_gold_outbox` holds the gold items with unpushed
 * writes (a deleted item stays listed by uid: its deletion is what travels),
 * `team_gold_versions` the server version each item was last synced at, and
 * `team_gold_sent` the change ids of a push not yet answered (a push whose
 * answer was lost is then recognised as this desktop's own write), and
 * `team_gold_parked` pulled relations waiting for a span they name.
 * `team_conflicts` learns which item a conflict is about and keeps the
 * server's copy beside this desktop's.
 *
 * Backfill: a gold layer this desktop had synced as a whole layer (team schema
 * 1) gets uids by position, `v1-s<n>` and `v1-r<n>`, in the order that layer
 * was sent (spans by start, end, id; relations by id): the server's upgrade to
 * team schema 3 names the items of its copy the same way, so every desktop
 * holding that layer agrees on the items without a round trip. Those items are
 * at version 1; a layer with unpushed edits has all its items marked for the
 * next push. Gold never synced gets random uids, every item marked. The
 * gold layer's status of a document travels as one more item, uid `status`,
 * and so does its review status (unreviewed, in review, adjudicated), uid
 * `review`, which team schema 1 did not carry: every review status is marked.
 * A reviewer's rejection of an annotator's item is one more (uid `rej|` and
 * the item's key: annotator, offsets and label names), marked likewise.
 */
export const migration0011: Migration = {
  version: 11,
  name: 'gold-items',
  up: `
    ALTER TABLE spans ADD COLUMN uid TEXT;
    ALTER TABLE relations ADD COLUMN uid TEXT;
    CREATE INDEX spans_by_uid ON spans (document_id, uid) WHERE uid IS NOT NULL;
    CREATE INDEX relations_by_uid ON relations (document_id, uid) WHERE uid IS NOT NULL;

    CREATE TABLE team_gold_outbox (
      document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
      uid         TEXT NOT NULL,
      kind        TEXT NOT NULL CHECK (kind IN ('span', 'relation', 'status', 'review', 'rejection')),
      change_id   TEXT NOT NULL UNIQUE,
      changed_at  TEXT NOT NULL,
      PRIMARY KEY (document_id, uid)
    ) STRICT;
    CREATE TABLE team_gold_sent (
      document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
      uid         TEXT NOT NULL,
      change_id   TEXT NOT NULL,
      PRIMARY KEY (document_id, uid, change_id)
    ) STRICT;
    CREATE TABLE team_gold_parked (
      document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
      uid         TEXT NOT NULL,
      item        TEXT NOT NULL,
      PRIMARY KEY (document_id, uid)
    ) STRICT;
    CREATE TABLE team_gold_versions (
      document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
      uid         TEXT NOT NULL,
      version     INTEGER NOT NULL,
      PRIMARY KEY (document_id, uid)
    ) STRICT;
    ALTER TABLE team_conflicts ADD COLUMN item_uid TEXT;
    ALTER TABLE team_conflicts ADD COLUMN item_kind TEXT CHECK (item_kind IN ('span', 'relation', 'status', 'review', 'rejection'));
    ALTER TABLE team_conflicts ADD COLUMN theirs TEXT;
    ALTER TABLE team_conflicts ADD COLUMN resolution TEXT CHECK (resolution IN ('server', 'mine'));

    ALTER TABLE review_rejections ADD COLUMN item_key TEXT;
    UPDATE review_rejections SET item_key = ${ITEM_KEY('review_rejections')};

    -- Backfill, before the triggers exist (so it marks nothing by itself).
    CREATE TEMP TABLE gold_synced AS
      SELECT l.document_id, EXISTS (SELECT 1 FROM team_outbox o WHERE o.document_id = l.document_id AND o.annotator_id = l.annotator_id) AS dirty
        FROM team_layers l JOIN annotators a ON a.id = l.annotator_id WHERE a.name = 'gold';
    -- A gold layer with unpushed edits: its items are named by this desktop's positions, which the server's may not match;
    -- the first sync settles them against the server's (goldUpgradeStore.ts), knowing the layer version the edits were made on.
    INSERT INTO team_sync (key, value)
      SELECT 'gold.v1-dirty.' || g.document_id, l.version FROM gold_synced g JOIN team_layers l ON l.document_id = g.document_id
        JOIN annotators a ON a.id = l.annotator_id AND a.name = 'gold' WHERE g.dirty;
    UPDATE spans SET uid = (
        SELECT 'v1-s' || (x.n - 1) FROM (SELECT s.id, row_number() OVER (PARTITION BY s.document_id ORDER BY s.start, s."end", s.id) AS n
                                          FROM spans s WHERE s.document_id = spans.document_id AND s.annotator_id = spans.annotator_id) x WHERE x.id = spans.id)
      WHERE ${GOLD('NEW').replace('NEW.', 'spans.')} AND document_id IN (SELECT document_id FROM gold_synced);
    UPDATE relations SET uid = (
        SELECT 'v1-r' || (x.n - 1) FROM (SELECT r.id, row_number() OVER (PARTITION BY r.document_id ORDER BY r.id) AS n
                                          FROM relations r WHERE r.document_id = relations.document_id AND r.annotator_id = relations.annotator_id) x WHERE x.id = relations.id)
      WHERE ${GOLD('NEW').replace('NEW.', 'relations.')} AND document_id IN (SELECT document_id FROM gold_synced);
    UPDATE spans SET uid = lower(hex(randomblob(16))) WHERE uid IS NULL AND ${GOLD('NEW').replace('NEW.', 'spans.')};
    UPDATE relations SET uid = lower(hex(randomblob(16))) WHERE uid IS NULL AND ${GOLD('NEW').replace('NEW.', 'relations.')};
    INSERT INTO team_gold_versions (document_id, uid, version)
      SELECT document_id, uid, 1 FROM spans WHERE uid LIKE 'v1-%' UNION ALL SELECT document_id, uid, 1 FROM relations WHERE uid LIKE 'v1-%'
      UNION ALL SELECT document_id, 'status', 1 FROM document_status WHERE ${GOLD('NEW').replace('NEW.', 'document_status.')} AND document_id IN (SELECT document_id FROM gold_synced);
    ${seedGoldOutbox('WHERE document_id NOT IN (SELECT document_id FROM gold_synced WHERE NOT dirty)')}
    DROP TABLE gold_synced;
    ${DROP_GOLD_LAYERS_FROM_OUTBOX}
    DELETE FROM team_layers WHERE annotator_id IN (SELECT id FROM annotators WHERE name = 'gold');

    ${['spans', 'relations', 'document_status'].map((t) => layerTouch(t, 'INSERT', 'NEW') + layerTouch(t, 'UPDATE', 'NEW') + layerTouch(t, 'DELETE', 'OLD')).join('\n')}
    ${(['spans', 'relations'] as const).map((t) => uidOnInsert(t) + goldTouch(t, 'INSERT', 'NEW') + goldTouch(t, 'UPDATE', 'NEW') + goldTouch(t, 'DELETE', 'OLD')).join('\n')}
    ${statusTouch('INSERT', 'NEW') + statusTouch('UPDATE', 'NEW') + statusTouch('DELETE', 'OLD')}
    ${reviewTouch('INSERT', 'NEW') + reviewTouch('UPDATE', 'NEW') + reviewTouch('DELETE', 'OLD')}
    ${REJECTIONS}
  `,
}
