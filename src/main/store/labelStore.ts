import type Database from 'better-sqlite3'
import type { AttributeDef, LabelKind, LabelType } from '../../shared/domain/model'

interface Row {
  id: number
  kind: LabelKind
  name: string
  color: string
  hotkey: string | null
  description: string
  head_types: string
  tail_types: string
  attributes: string
}

export type NewLabel = Omit<LabelType, 'id'>

function fromRow(r: Row): LabelType {
  return {
    id: r.id,
    kind: r.kind,
    name: r.name,
    color: r.color,
    hotkey: r.hotkey,
    description: r.description,
    headTypes: JSON.parse(r.head_types) as string[],
    tailTypes: JSON.parse(r.tail_types) as string[],
    attributes: JSON.parse(r.attributes) as AttributeDef[],
  }
}

/** The label schema: entity and relation types with colours, hotkeys and constraints. */
export class LabelStore {
  private readonly listStmt
  private readonly byNameStmt
  private readonly insertStmt
  private readonly byIdStmt
  private readonly updateStmt
  private readonly deleteStmt
  private readonly usageStmt
  private readonly usageAllStmt
  constructor(db: Database.Database) {
    this.listStmt = db.prepare<[], Row>('SELECT * FROM label_types ORDER BY kind, sort_order, id')
    this.byNameStmt = db.prepare<[string, string], Row>('SELECT * FROM label_types WHERE kind = ? AND name = ?')
    this.insertStmt = db.prepare(
      `INSERT INTO label_types (kind, name, color, hotkey, description, head_types, tail_types, attributes, sort_order)
       VALUES (@kind, @name, @color, @hotkey, @description, @headTypes, @tailTypes, @attributes,
               (SELECT COALESCE(MAX(sort_order), 0) + 1 FROM label_types))`,
    )
    this.byIdStmt = db.prepare<[number], Row>('SELECT * FROM label_types WHERE id = ?')
    this.updateStmt = db.prepare(
      `UPDATE label_types SET name = @name, color = @color, hotkey = @hotkey, description = @description,
              head_types = @headTypes, tail_types = @tailTypes, attributes = @attributes
        WHERE id = @id`,
    )
    this.deleteStmt = db.prepare('DELETE FROM label_types WHERE id = ?')
    // What deleting a label takes with it: its spans, and every relation typed by it or touching those spans.
    this.usageStmt = db.prepare<{ id: number }, { spans: number; relations: number }>(
      `SELECT (SELECT COUNT(*) FROM spans WHERE label_id = @id) AS spans,
              (SELECT COUNT(*) FROM relations r
                WHERE r.label_id = @id
                   OR r.head_id IN (SELECT id FROM spans WHERE label_id = @id)
                   OR r.tail_id IN (SELECT id FROM spans WHERE label_id = @id)) AS relations`,
    )
    this.usageAllStmt = db.prepare<[], { id: number; count: number }>(
      `SELECT l.id, CASE l.kind WHEN 'entity' THEN (SELECT COUNT(*) FROM spans s WHERE s.label_id = l.id)
                                ELSE (SELECT COUNT(*) FROM relations r WHERE r.label_id = l.id) END AS count
         FROM label_types l`,
    )
  }
  list(): LabelType[] {
    return this.listStmt.all().map(fromRow)
  }
  byName(kind: LabelKind, name: string): LabelType | null {
    const r = this.byNameStmt.get(kind, name)
    return r ? fromRow(r) : null
  }
  insert(l: NewLabel): LabelType {
    const info = this.insertStmt.run({
      ...l,
      headTypes: JSON.stringify(l.headTypes),
      tailTypes: JSON.stringify(l.tailTypes),
      attributes: JSON.stringify(l.attributes),
    })
    return { ...l, id: Number(info.lastInsertRowid) }
  }
  byId(id: number): LabelType | null {
    const r = this.byIdStmt.get(id)
    return r ? fromRow(r) : null
  }
  /** Writes every field but kind; spans and relations keep pointing at the same id. */
  update(l: LabelType): void {
    this.updateStmt.run({
      id: l.id,
      name: l.name,
      color: l.color,
      hotkey: l.hotkey,
      description: l.description,
      headTypes: JSON.stringify(l.headTypes),
      tailTypes: JSON.stringify(l.tailTypes),
      attributes: JSON.stringify(l.attributes),
    })
  }
  /** Per label: its spans (entity) or relations (relation), across all layers. */
  usageAll(): { id: number; count: number }[] {
    return this.usageAllStmt.all()
  }
  usage(id: number): { spans: number; relations: number } {
    return this.usageStmt.get({ id })!
  }
  /** Deletes the label; its spans and their relations go by cascade. */
  delete(id: number): number {
    return this.deleteStmt.run(id).changes
  }
}
