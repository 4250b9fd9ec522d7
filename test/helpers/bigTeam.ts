import pg from 'pg'
import { WRITE_LOCK } from '../../src/main/team/writeLock'

/**
 * A big team workspace made on the server in one transaction (as the team
 * bench does): `docs` documents `b0…`, each with one layer of 10 PERSON/GPE
 * spans by one of ten annotators `r0…r9`, and their change log rows, so a new
 * desktop's first pull has `docs` documents and `docs` layers to bring.
 */
export async function seedBigTeam(adminUrl: string, docs: number): Promise<void> {
  const g = new pg.Client({ connectionString: adminUrl })
  await g.connect()
  try {
    await g.query('BEGIN')
    await g.query('SELECT pg_advisory_xact_lock($1)', [WRITE_LOCK])
    await g.query(
      `INSERT INTO team_documents (external_id, title, text, text_hash, seq)
       SELECT 'b' || i, 'Document ' || i, repeat('Ada Lovelace met Charles Babbage in London. ', 3) || i, md5(i::text), nextval('team_seq') FROM generate_series(0, $1 - 1) i`,
      [docs],
    )
    await g.query(
      `INSERT INTO team_layers (document_id, annotator, content, spans, status, version, updated_by)
       SELECT 'b' || i, 'r' || (i % 10),
              jsonb_build_object('spans', (SELECT jsonb_agg(jsonb_build_object('label', CASE WHEN k % 2 = 0 THEN 'PERSON' ELSE 'GPE' END,
                                    'cells', jsonb_build_object('start', k * 13, 'end', k * 13 + 12, 'note', '', 'attributes', '{}', 'created_at', '2026-12-06T00:00:00Z')) ORDER BY k)
                                  FROM generate_series(0, 9) k),
                                 'relations', '[]'::jsonb, 'status', 'in_progress'),
              10, 'in_progress', 1, 'r' || (i % 10)
         FROM generate_series(0, $1 - 1) i`,
      [docs],
    )
    await g.query(
      // The log rows take this transaction's position (the column's default, team schema 5).
      `INSERT INTO team_changes (change_id, document_id, annotator, version, applied_by)
       SELECT gen_random_uuid(), document_id, annotator, 1, annotator FROM team_layers ORDER BY document_id`,
    )
    await g.query('COMMIT')
  } finally {
    await g.end()
  }
}
