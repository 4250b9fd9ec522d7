/** The columns of `spans` and `relations` in this workspace. */
type Columns = Record<'spans' | 'relations', string[]>

/**
 * The layers `page` names (document_id, annotator_id, change_id), each with
 * its content built as JSON by SQLite in one statement: spans in offset
 * order with every column but local ids (the label by name), relations with
 * head and tail as indexes into those spans, and the annotator's status.
 */
export function layersAsJson(columns: Columns, page: string, spanSkip: Set<string>, relationSkip: Set<string>): string {
  const cells = (table: 'spans' | 'relations', skip: Set<string>, alias: string) =>
    `json_object(${columns[table]
      .filter((c) => !skip.has(c) && c !== 'label')
      .map((c) => `'${c}', ${alias}."${c}"`)
      .join(', ')})`
  return `
    WITH page AS (${page}),
    sp AS (
      SELECT x.id, x.document_id, x.annotator_id,
             row_number() OVER (PARTITION BY x.document_id, x.annotator_id ORDER BY x.start, x."end", x.id) - 1 AS n,
             json_object('label', lt.name, 'cells', ${cells('spans', spanSkip, 'x')}) AS j
        FROM page p JOIN spans x ON x.document_id = p.document_id AND x.annotator_id = p.annotator_id JOIN label_types lt ON lt.id = x.label_id
    ),
    sj AS (SELECT document_id, annotator_id, json_group_array(json(j) ORDER BY n) AS arr FROM sp GROUP BY document_id, annotator_id),
    rj AS (
      SELECT r.document_id, r.annotator_id,
             json_group_array(json_object('label', lt.name, 'head', h.n, 'tail', t.n, 'cells', ${cells('relations', relationSkip, 'r')}) ORDER BY r.id) AS arr
        FROM page p JOIN relations r ON r.document_id = p.document_id AND r.annotator_id = p.annotator_id JOIN label_types lt ON lt.id = r.label_id
        LEFT JOIN sp h ON h.id = r.head_id LEFT JOIN sp t ON t.id = r.tail_id
       GROUP BY r.document_id, r.annotator_id
    )
    SELECT p.document_id, p.annotator_id, p.change_id, d.external_id, a.name, tl.version,
           json_object('spans', json(coalesce(sj.arr, '[]')), 'relations', json(coalesce(rj.arr, '[]')), 'status', ds.status) AS content
      FROM page p JOIN documents d ON d.id = p.document_id JOIN annotators a ON a.id = p.annotator_id
      LEFT JOIN team_layers tl ON tl.document_id = p.document_id AND tl.annotator_id = p.annotator_id
      LEFT JOIN sj ON sj.document_id = p.document_id AND sj.annotator_id = p.annotator_id
      LEFT JOIN rj ON rj.document_id = p.document_id AND rj.annotator_id = p.annotator_id
      LEFT JOIN document_status ds ON ds.document_id = p.document_id AND ds.annotator_id = p.annotator_id
     ORDER BY p.document_id, p.annotator_id`
}

