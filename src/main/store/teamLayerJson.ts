/** The columns of `spans` and `relations` in this workspace. */
type Columns = Record<'spans' | 'relations', string[]>

/**
 * The layers `page` names (document_id, annotator_id, change_id), each with
 * its content built as JSON by SQLite in one statement: spans in offset
 * order with every column but local ids (the label by name), relations with
 * head and tail as indexes into those spans, and the annotator's status.
 * Each page row's spans and relations are found through the layer indexes,
 * never by scanning every span of the workspace.
 */
export function layersAsJson(columns: Columns, page: string, spanSkip: Set<string>, relationSkip: Set<string>): string {
  const cells = (table: 'spans' | 'relations', skip: Set<string>, alias: string) =>
    `json_object(${columns[table]
      .filter((c) => !skip.has(c) && c !== 'label')
      .map((c) => `'${c}', ${alias}."${c}"`)
      .join(', ')})`
  // A relation's head and tail: the span's position in the layer's order (start, end, id).
  const position = (span: string) =>
    `(SELECT count(*) FROM spans y WHERE y.document_id = r.document_id AND y.annotator_id = r.annotator_id
         AND (y.start, y."end", y.id) < (SELECT z.start, z."end", z.id FROM spans z WHERE z.id = r.${span}))`
  return `
    WITH page AS (${page})
    SELECT p.document_id, p.annotator_id, p.change_id, d.external_id, a.name, tl.version,
           json_object(
             'spans', (SELECT json_group_array(json_object('label', lt.name, 'cells', ${cells('spans', spanSkip, 'x')}) ORDER BY x.start, x."end", x.id)
                         FROM spans x JOIN label_types lt ON lt.id = x.label_id WHERE x.document_id = p.document_id AND x.annotator_id = p.annotator_id),
             -- Most layers have no relation: an ordered aggregate over none still sets up its sort, so look first.
             'relations', CASE WHEN EXISTS (SELECT 1 FROM relations r WHERE r.document_id = p.document_id AND r.annotator_id = p.annotator_id)
               THEN (SELECT json_group_array(json_object('label', lt.name, 'head', ${position('head_id')}, 'tail', ${position('tail_id')}, 'cells', ${cells('relations', relationSkip, 'r')}) ORDER BY r.id)
                       FROM relations r JOIN label_types lt ON lt.id = r.label_id WHERE r.document_id = p.document_id AND r.annotator_id = p.annotator_id)
               ELSE json_array() END,
             'status', ds.status) AS content
      FROM page p JOIN documents d ON d.id = p.document_id JOIN annotators a ON a.id = p.annotator_id
      LEFT JOIN team_layers tl ON tl.document_id = p.document_id AND tl.annotator_id = p.annotator_id
      LEFT JOIN document_status ds ON ds.document_id = p.document_id AND ds.annotator_id = p.annotator_id
     ORDER BY p.document_id, p.annotator_id`
}
