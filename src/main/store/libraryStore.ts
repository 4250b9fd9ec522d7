import type Database from 'better-sqlite3'
import type { LibraryCounts, LibraryFilter, LibrarySort } from '../../shared/api/methods/documents'
import type { DocStatus } from '../../shared/domain/model'
import type { ReviewStatus } from '../../shared/api/methods/review'
import { searchTerms } from './ftsQuery'
import { searchPart } from './librarySearch'

/** The filters as the store reads them: the annotators resolved to ids (-1: no such annotator, so no layer). */
export interface LibraryWhere extends Omit<LibraryFilter, 'annotator' | 'layerOf' | 'query' | 'assigned'> {
  annotatorId: number
  /** `none`: the documents not assigned to the annotator (the second part of `first`). */
  assigned?: 'first' | 'only' | 'none'
  layerOfId?: number
  query?: string
}

export interface LibraryRow {
  id: number
  externalId: string
  title: string
  length: number
  spanCount: number
  relationCount: number
  status: DocStatus
  updatedAt: string | null
  reviewStatus: ReviewStatus
  layerCount: number
  hasGold: number
  assigned: number
}

export interface HitRow {
  id: number
  externalId: string
  title: string
  text: string
  /** 1 when the document's own id, title or text holds U+0002 or U+0003, the characters the marks are made of. */
  marksInText?: number
}

/** Human annotators with a layer on d: spans, or a status row (they opened it), as the review counts them. */
const LAYER_COUNT = `(SELECT COUNT(*) FROM annotators a WHERE a.kind = 'human'
    AND (EXISTS (SELECT 1 FROM spans s WHERE s.document_id = d.id AND s.annotator_id = a.id)
         OR EXISTS (SELECT 1 FROM document_status x WHERE x.document_id = d.id AND x.annotator_id = a.id)))`
const HAS_GOLD = `EXISTS (SELECT 1 FROM spans s JOIN annotators a ON a.id = s.annotator_id WHERE s.document_id = d.id AND a.kind = 'gold')`
/** Assigned to the annotator by a team admin: one probe of the (annotator, document) key. */
const ASSIGNED = 'EXISTS (SELECT 1 FROM team_assignments ta WHERE ta.annotator_id = @annotator AND ta.document_id = d.id)'
const STATUS = `COALESCE((SELECT st.status FROM document_status st WHERE st.document_id = d.id AND st.annotator_id = @annotator), 'todo')`

/** Sort keys as SQL; ties broken by id so pages never overlap. Computed keys read every matching row (see the notes). */
const SORT_SQL: Record<LibrarySort, string> = {
  imported: 'd.id',
  externalId: 'd.external_id',
  title: 'd.title COLLATE NOCASE',
  status: `CASE ${STATUS} WHEN 'todo' THEN 0 WHEN 'in_progress' THEN 1 ELSE 2 END`,
  updated: `(SELECT st.updated_at FROM document_status st WHERE st.document_id = d.id AND st.annotator_id = @annotator)`,
  // The layer's count kept by the store (migration 13): one key probe per row instead of counting its spans.
  spans: 'COALESCE((SELECT c.spans FROM layer_span_counts c WHERE c.document_id = d.id AND c.annotator_id = @annotator), 0)',
  layers: LAYER_COUNT,
  length: 'length(d.text)',
  relevance: 'f.rank',
}

interface Shape {
  sql: string
  params: Record<string, unknown>
  /** The id column pages are ordered by: the index's rowid when it is read. */
  byId?: string
}

/**
 * The library's queries: pages, counts, neighbours and search hits, each built
 * from only the filters given (so SQLite plans each shape on its own indexes)
 * and prepared once per shape.
 */
export class LibraryStore {
  private readonly cache = new Map<string, Database.Statement>()
  private readonly detailsStmt
  private readonly hitsStmt
  private readonly textsStmt
  private readonly totalStmt
  private readonly statusCountsStmt
  private readonly hasAssignmentsStmt
  constructor(private readonly db: Database.Database) {
    this.detailsStmt = db.prepare<{ ids: string; annotator: number }, LibraryRow>(
      `SELECT d.id, d.external_id AS externalId, d.title, length(d.text) AS length,
              (SELECT COUNT(*) FROM spans s WHERE s.document_id = d.id AND s.annotator_id = @annotator) AS spanCount,
              (SELECT COUNT(*) FROM relations r WHERE r.document_id = d.id AND r.annotator_id = @annotator) AS relationCount,
              COALESCE(st.status, 'todo') AS status, st.updated_at AS updatedAt,
              COALESCE(rv.status, 'unreviewed') AS reviewStatus,
              ${LAYER_COUNT} AS layerCount, ${HAS_GOLD} AS hasGold, ${ASSIGNED} AS assigned
         FROM documents d
         LEFT JOIN document_status st ON st.document_id = d.id AND st.annotator_id = @annotator
         LEFT JOIN review_status rv ON rv.document_id = d.id
        WHERE d.id IN (SELECT value FROM json_each(@ids))`,
    )
    // A rowid range, not IN (…): FTS5 seeks to a range, but tests an IN list against every match.
    this.hitsStmt = db.prepare<{ from: number; to: number; match: string }, HitRow>(
      `SELECT rowid AS id,
              highlight(documents_fts, 0, char(2), char(3)) AS externalId,
              highlight(documents_fts, 1, char(2), char(3)) AS title,
              snippet(documents_fts, 2, char(2), char(3), '…', 24) AS text,
              (SELECT instr(d.external_id, char(2)) OR instr(d.external_id, char(3)) OR instr(d.title, char(2)) OR instr(d.title, char(3))
                      OR instr(d.text, char(2)) OR instr(d.text, char(3))
                 FROM documents d WHERE d.id = documents_fts.rowid) AS marksInText
         FROM documents_fts WHERE documents_fts MATCH @match AND rowid BETWEEN @from AND @to`,
    )
    this.textsStmt = db.prepare<{ ids: string }, HitRow>(
      'SELECT id, external_id AS externalId, title, text FROM documents WHERE id IN (SELECT value FROM json_each(@ids))',
    )
    this.totalStmt = db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM documents')
    this.hasAssignmentsStmt = db.prepare<[number], { one: number }>('SELECT 1 AS one FROM team_assignments WHERE annotator_id = ? LIMIT 1')
    this.statusCountsStmt = db.prepare<[number], { status: DocStatus; n: number }>(
      'SELECT status, COUNT(*) AS n FROM document_status WHERE annotator_id = ? GROUP BY status',
    )
  }

  /** The ids of one page, in order. */
  pageIds(where: LibraryWhere, sort: LibrarySort, dir: 'asc' | 'desc', offset: number, limit: number): number[] {
    // Only punctuation in the query: nothing to search, so nothing matches.
    const terms = where.query ? searchTerms(where.query) : null
    if (where.query && !terms) return []
    const key = sort === 'relevance' && !terms?.match ? 'imported' : sort
    if (where.assigned === 'first') return this.assignedFirstIds(where, key, dir, offset, limit)
    const unfiltered = !where.query && !where.status && !where.label && where.layerOfId === undefined && !where.reviewStatus && !where.reviewable && !where.assigned
    if (key === 'status' && unfiltered) return this.byStatusIds(where.annotatorId, dir, offset, limit)
    if (key === 'spans' && !where.query) {
      const ids = this.bySpansIds(where, dir, offset, limit)
      if (ids) return ids
    }
    const { sql, params, byId = 'd.id' } = this.filtered(where, key)
    const d = dir === 'desc' ? 'DESC' : 'ASC'
    // With a query, corpus order is the index's own rowid order: FTS5 streams it and stops at the page.
    const order = key === 'imported' ? `${byId} ${d}` : `${SORT_SQL[key]} ${d}, ${byId} ${d}`
    return this.prepared(`SELECT ${byId} ${sql} ORDER BY ${order} LIMIT @limit OFFSET @offset`)
      .pluck()
      .all({ ...params, limit, offset }) as number[]
  }

  /**
   * Assigned to the annotator first: the assigned run, then the rest, each filtered and sorted alike. The first
   * run reads the (annotator, document) key; an annotator with no assignments pays one probe, then the usual page.
   */
  private assignedFirstIds(where: LibraryWhere, sort: LibrarySort, dir: 'asc' | 'desc', offset: number, limit: number): number[] {
    if (!this.hasAssignmentsStmt.get(where.annotatorId)) return this.pageIds({ ...where, assigned: undefined }, sort, dir, offset, limit)
    const mine = this.pageIds({ ...where, assigned: 'only' }, sort, dir, offset, limit)
    if (mine.length === limit) return mine
    // Rows found: the page goes on at the start of the rest. None: the offset lies past the whole assigned run.
    const skip = mine.length ? 0 : Math.max(0, offset - this.countOf({ ...where, assigned: 'only' }))
    return [...mine, ...this.pageIds({ ...where, assigned: 'none' }, sort, dir, skip, limit - mine.length)]
  }

  private countOf(where: LibraryWhere): number {
    const { sql, params } = this.filtered(where, 'imported')
    return (this.prepared(`SELECT COUNT(*) AS n ${sql}`).get(params) as { n: number }).n
  }

  /**
   * Sorted by status with no filter: each status a run in corpus order, read from an index (todo: the documents
   * without an in-progress or done row), so a page costs its rows, not a sort of the corpus (1.7 s at 1M documents).
   */
  private byStatusIds(annotatorId: number, dir: 'asc' | 'desc', offset: number, limit: number): number[] {
    const d = dir === 'desc' ? 'DESC' : 'ASC'
    const runs: DocStatus[] = dir === 'desc' ? ['done', 'in_progress', 'todo'] : ['todo', 'in_progress', 'done']
    const out: number[] = []
    let skip = offset
    for (const status of runs) {
      if (out.length >= limit) break
      const sql =
        status === 'todo'
          ? `SELECT d.id FROM documents d WHERE NOT EXISTS (SELECT 1 FROM document_status st
               WHERE st.document_id = d.id AND st.annotator_id = @annotator AND st.status <> 'todo') ORDER BY d.id ${d} LIMIT @limit OFFSET @offset`
          : `SELECT document_id FROM document_status WHERE annotator_id = @annotator AND status = @status ORDER BY document_id ${d} LIMIT @limit OFFSET @offset`
      const rows = this.prepared(sql).pluck().all({ annotator: annotatorId, status, limit: limit - out.length, offset: skip }) as number[]
      out.push(...rows)
      // Rows found: the page goes on at the start of the next run. None: the offset lies past this whole run.
      skip = rows.length ? 0 : Math.max(0, skip - this.runLength(annotatorId, status))
    }
    return out
  }

  private runLength(annotatorId: number, status: DocStatus): number {
    const rows = this.statusCountsStmt.all(annotatorId)
    const n = (s: DocStatus) => rows.find((r) => r.status === s)?.n ?? 0
    return status === 'todo' ? this.totalStmt.get()!.n - n('in_progress') - n('done') : n(status)
  }

  /**
   * Sorted by the annotator's span count (no search query): the layers with spans walked in order on the count index
   * (migration 13), each filter checked per row until the page is full (as the title sort walks its index), then the
   * documents without any (count 0) as a run in corpus order; ascending, the zero run first. Ties by id as in every
   * sort. A page costs its rows, not a count of every document's spans. Null for a filter shape it does not take.
   */
  private bySpansIds(where: LibraryWhere, dir: 'asc' | 'desc', offset: number, limit: number): number[] | null {
    const d = dir === 'desc' ? 'DESC' : 'ASC'
    const { sql: from, params } = this.filtered(where, 'imported')
    // Filters that are conditions on `d` only; a shape driven from another table (assignments) takes the general path.
    const plain = 'FROM documents d'
    if (from !== plain && !from.startsWith(`${plain} WHERE `)) return null
    const filters = from === plain ? '' : ` AND ${from.slice(`${plain} WHERE `.length)}`
    // Unfiltered, the count index alone answers (an offset skips its entries, not document look-ups).
    const counted = `SELECT c.document_id FROM layer_span_counts c${filters ? ' CROSS JOIN documents d ON d.id = c.document_id' : ''}
      WHERE c.annotator_id = @annotator AND c.spans > 0${filters} ORDER BY c.spans ${d}, c.document_id ${d}`
    const zero = `SELECT d.id FROM documents d WHERE NOT EXISTS (SELECT 1 FROM layer_span_counts c
      WHERE c.document_id = d.id AND c.annotator_id = @annotator AND c.spans > 0)${filters} ORDER BY d.id ${d}`
    let layers: number | undefined
    const withSpans = () => (layers ??= this.prepared('SELECT COUNT(*) FROM layer_span_counts WHERE annotator_id = ? AND spans > 0').pluck().get(where.annotatorId) as number)
    const lengthOf = (sql: string) =>
      !filters
        ? sql === counted ? withSpans() : this.totalStmt.get()!.n - withSpans()
        : (this.prepared(`SELECT COUNT(*) FROM (${sql})`).pluck().get(params) as number)
    const out: number[] = []
    let skip = offset
    for (const sql of dir === 'desc' ? [counted, zero] : [zero, counted]) {
      if (out.length >= limit) break
      // The zero run is found by probing documents in order: when the counts say it is empty (or, unfiltered, wholly
      // before the offset), skip it instead of probing every document to find none.
      if (sql === zero) {
        const zeros = this.totalStmt.get()!.n - withSpans()
        if (zeros === 0 || (!filters && zeros <= skip)) {
          skip -= Math.min(zeros, skip)
          continue
        }
      }
      const rows = this.prepared(`${sql} LIMIT @limit OFFSET @offset`).pluck().all({ ...params, limit: limit - out.length, offset: skip }) as number[]
      out.push(...rows)
      // Rows found: the page goes on at the start of the next run. None: the offset lies past this whole run.
      skip = rows.length ? 0 : Math.max(0, skip - lengthOf(sql))
    }
    return out
  }

  /** Each listed document's row for the annotator, in the order of `ids`. */
  details(ids: number[], annotatorId: number): LibraryRow[] {
    const byId = new Map(this.detailsStmt.all({ ids: JSON.stringify(ids), annotator: annotatorId }).map((r) => [r.id, r]))
    return ids.flatMap((id) => byId.get(id) ?? [])
  }

  /**
   * Marked title, id and text snippet (see shared/library/highlights) for the listed documents that lie in one
   * rowid range of the index: a page of every match in corpus order. A range holding other matches pays for their
   * snippets too, so callers with a page spread over the corpus use `texts` and mark it themselves.
   */
  hitsInRange(ids: number[], query: string): Map<number, HitRow> {
    const match = searchTerms(query)?.match
    const out = new Map<number, HitRow>()
    if (!match || !ids.length) return out
    const wanted = new Set(ids)
    for (const r of this.hitsStmt.iterate({ from: Math.min(...ids), to: Math.max(...ids), match })) if (wanted.has(r.id)) out.set(r.id, r)
    return out
  }

  /** The id, title and text of each listed document (for marking a page's hits outside the index). */
  texts(ids: number[]): HitRow[] {
    return this.textsStmt.all({ ids: JSON.stringify(ids) })
  }

  /** Documents matching the filters (the status filter aside), in total and per status. */
  counts(where: Omit<LibraryWhere, 'status'>): LibraryCounts {
    // `first` is an order, not a filter: the counts are those of every document.
    if (where.assigned === 'first') where = { ...where, assigned: undefined }
    const noOtherFilter = !where.label && where.layerOfId === undefined && !where.reviewStatus && !where.reviewable && !where.assigned
    const byStatus: Record<DocStatus, number> = { todo: 0, in_progress: 0, done: 0 }
    const search = where.query ? searchPart(where.query) : null
    let total: number
    if (search?.clauses[0] === '0') return { total: 0, byStatus }
    if (noOtherFilter && (!search || search.bare)) {
      // The common cases read a search index or two small indexes, never every document:
      // the total, then only the status rows (todo is what is left).
      if (search?.bare) {
        const { sql, params } = this.filtered(where, 'imported')
        total = (this.prepared(`SELECT COUNT(*) ${sql}`).pluck().get(params) as number)
        const statuses = `SELECT status, COUNT(*) AS n FROM document_status WHERE annotator_id = @annotator AND document_id IN (SELECT ${search.byId} ${sql}) GROUP BY status`
        for (const r of this.prepared(statuses).all(params) as { status: DocStatus; n: number }[]) byStatus[r.status] = r.n
      } else {
        total = this.totalStmt.get()!.n
        for (const r of this.statusCountsStmt.all(where.annotatorId)) byStatus[r.status] = r.n
      }
      byStatus.todo = total - byStatus.in_progress - byStatus.done + byStatus.todo
    } else {
      const { sql, params } = this.filtered(where, 'imported')
      const rows = this.prepared(`SELECT ${STATUS} AS status, COUNT(*) AS n ${sql} GROUP BY 1`).all(params) as { status: DocStatus; n: number }[]
      for (const r of rows) byStatus[r.status] = r.n
      total = rows.reduce((n, r) => n + r.n, 0)
    }
    return { total, byStatus }
  }

  /** The next (or previous) document in corpus order after `documentId`, wrapping around; `notDone` skips done ones. */
  neighbour(documentId: number, annotatorId: number, direction: 'next' | 'previous', notDone: boolean): { id: number; externalId: string } | null {
    const notDoneSql = notDone
      ? `AND NOT EXISTS (SELECT 1 FROM document_status st WHERE st.document_id = d.id AND st.annotator_id = @annotator AND st.status = 'done')`
      : ''
    const [cmp, wrapCmp, order] = direction === 'next' ? ['>', '<', 'ASC'] : ['<', '>', 'DESC']
    const stmt = (c: string) =>
      this.prepared(`SELECT d.id, d.external_id AS externalId FROM documents d WHERE d.id ${c} @at ${notDoneSql} ORDER BY d.id ${order} LIMIT 1`)
    const params = { at: documentId, annotator: annotatorId }
    return (
      (stmt(cmp).get(params) as { id: number; externalId: string } | undefined) ??
      (stmt(wrapCmp).get(params) as { id: number; externalId: string } | undefined) ??
      null
    )
  }

  /**
   * The next (or previous) document assigned to the annotator after `documentId` in corpus order, wrapping around,
   * read from the assignments' key; null when there is none other (or none not done, with `notDone`).
   */
  assignedNeighbour(documentId: number, annotatorId: number, direction: 'next' | 'previous', notDone: boolean): { id: number; externalId: string } | null {
    const notDoneSql = notDone
      ? `AND NOT EXISTS (SELECT 1 FROM document_status st WHERE st.document_id = d.id AND st.annotator_id = @annotator AND st.status = 'done')`
      : ''
    const [cmp, wrapCmp, order] = direction === 'next' ? ['>', '<', 'ASC'] : ['<', '>', 'DESC']
    const stmt = (c: string) =>
      this.prepared(
        `SELECT d.id, d.external_id AS externalId FROM team_assignments ta CROSS JOIN documents d ON d.id = ta.document_id
          WHERE ta.annotator_id = @annotator AND ta.document_id ${c} @at ${notDoneSql} ORDER BY ta.document_id ${order} LIMIT 1`,
      )
    const params = { at: documentId, annotator: annotatorId }
    return (
      (stmt(cmp).get(params) as { id: number; externalId: string } | undefined) ??
      (stmt(wrapCmp).get(params) as { id: number; externalId: string } | undefined) ??
      null
    )
  }

  /** `FROM … WHERE …` for these filters, with only the clauses they need. */
  private filtered(where: Partial<LibraryWhere> & { annotatorId: number }, sort: LibrarySort): Shape {
    const search = where.query ? searchPart(where.query) : null
    const params: Record<string, unknown> = { annotator: where.annotatorId, ...search?.params }
    const clauses: string[] = [...(search?.clauses ?? [])]
    let from = search?.from ?? 'FROM documents d'
    if (!search && sort === 'relevance') throw new Error('relevance needs a query')
    if (where.status === 'todo') {
      clauses.push(`NOT EXISTS (SELECT 1 FROM document_status st WHERE st.document_id = d.id AND st.annotator_id = @annotator AND st.status <> 'todo')`)
    } else if (where.status) {
      clauses.push('EXISTS (SELECT 1 FROM document_status st WHERE st.document_id = d.id AND st.annotator_id = @annotator AND st.status = @status)')
      params.status = where.status
    }
    if (where.label) {
      clauses.push(`EXISTS (SELECT 1 FROM spans s JOIN label_types l ON l.id = s.label_id
        WHERE s.document_id = d.id AND s.annotator_id = @annotator AND l.kind = 'entity' AND l.name = @label)`)
      params.label = where.label
    }
    if (where.layerOfId !== undefined) {
      clauses.push(`(EXISTS (SELECT 1 FROM spans s WHERE s.document_id = d.id AND s.annotator_id = @layerOf)
        OR EXISTS (SELECT 1 FROM document_status x WHERE x.document_id = d.id AND x.annotator_id = @layerOf))`)
      params.layerOf = where.layerOfId
    }
    if (where.reviewStatus === 'unreviewed') {
      clauses.push(`NOT EXISTS (SELECT 1 FROM review_status rv WHERE rv.document_id = d.id AND rv.status <> 'unreviewed')`)
    } else if (where.reviewStatus) {
      clauses.push('EXISTS (SELECT 1 FROM review_status rv WHERE rv.document_id = d.id AND rv.status = @reviewStatus)')
      params.reviewStatus = where.reviewStatus
    }
    if (where.reviewable) clauses.push(`(${HAS_GOLD} OR ${LAYER_COUNT} >= 2)`)
    if (where.assigned === 'only' && !where.query) {
      // The annotator's assignments drive the query (one key range), not a probe per document of the corpus.
      from = 'FROM team_assignments ta CROSS JOIN documents d ON d.id = ta.document_id'
      clauses.push('ta.annotator_id = @annotator')
    } else if (where.assigned === 'only') clauses.push(ASSIGNED)
    else if (where.assigned === 'none') clauses.push(`NOT ${ASSIGNED}`)
    // Only the query, in index order: the index alone answers (joining documents costs a lookup per match).
    if (search?.bare && clauses.length === search.clauses.length && (sort === 'imported' || sort === 'relevance')) from = search.bare
    return { sql: `${from}${clauses.length ? ` WHERE ${clauses.join(' AND ')}` : ''}`, params, byId: search?.byId ?? 'd.id' }
  }

  private prepared(sql: string): Database.Statement {
    let s = this.cache.get(sql)
    if (!s) {
      s = this.db.prepare(sql)
      this.cache.set(sql, s)
    }
    return s
  }
}
