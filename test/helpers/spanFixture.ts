import type { Span } from '../../src/shared/domain/model'

/** A span row as the store returns it, with every field not given at its default. */
export function spanFixture(fields: Pick<Span, 'id' | 'start' | 'end'> & Partial<Span>): Span {
  return {
    documentId: 1,
    annotator: 'a',
    label: 'PERSON',
    fragments: null,
    kind: 'entity',
    attributes: {},
    note: '',
    norm: null,
    normText: null,
    sourceId: null,
    createdAt: '',
    ...fields,
  }
}
