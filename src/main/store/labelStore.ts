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
  constructor(db: Database.Database) {
    this.listStmt = db.prepare<[], Row>('SELECT * FROM label_types ORDER BY kind, sort_order, id')
    this.byNameStmt = db.prepare<[string, string], Row>('SELECT * FROM label_types WHERE kind = ? AND name = ?')
    this.insertStmt = db.prepare(
      `INSERT INTO label_types (kind, name, color, hotkey, description, head_types, tail_types, attributes, sort_order)
       VALUES (@kind, @name, @color, @hotkey, @description, @headTypes, @tailTypes, @attributes,
               (SELECT COALESCE(MAX(sort_order), 0) + 1 FROM label_types))`,
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
}
