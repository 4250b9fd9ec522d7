import type { Migration } from './migration'

/**
 * brat events that are not their trigger's own span: several E lines naming
 * one T (`E1 Binding:T5`, `E2 Binding:T5`), or an E whose type differs from
 * its T's. Such an event is a span of kind 'trigger' whose `trigger_id` names
 * the span of its T line; deleting that span deletes its events. Existing rows
 * (NULL) keep their meaning: a trigger span is its own T line and E line.
 */
export const migration0006: Migration = {
  version: 6,
  name: 'event-triggers',
  up: `
    ALTER TABLE spans ADD COLUMN trigger_id INTEGER REFERENCES spans(id) ON DELETE CASCADE;
    CREATE INDEX spans_by_trigger ON spans (trigger_id) WHERE trigger_id IS NOT NULL;
  `,
}
