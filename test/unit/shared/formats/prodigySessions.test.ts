// Prodigy before 1.11 names a multi-user session's annotator only in `_session_id` (`dataset-alice`, from
// `?session=alice`); 1.11+ writes `_annotator_id` too. The same text annotated in two sessions was read as one layer:
// both sessions' spans merged under whatever --annotator said.
import { describe, expect, it } from 'vitest'
import { prodigyCodec } from '../../../../src/shared/formats/prodigy'
import { decodeAll, encodeAll, recordView, records } from './formatTestUtil'

const tokens = [
  { text: 'Apple', start: 0, end: 5, id: 0, ws: true },
  { text: 'hires', start: 6, end: 11, id: 1, ws: true },
  { text: 'Tim', start: 12, end: 15, id: 2, ws: false },
]
const task = (session: string, span: { start: number; end: number; token_start: number; token_end: number; label: string }, extra: object = {}) =>
  JSON.stringify({ text: 'Apple hires Tim', _input_hash: -1, _task_hash: 11, tokens, spans: [span], _view_id: 'ner_manual', answer: 'accept', _session_id: session, ...extra })
const ORG = { start: 0, end: 5, token_start: 0, token_end: 0, label: 'ORG' }
const PER = { start: 12, end: 15, token_start: 2, token_end: 2, label: 'PERSON' }

describe('Prodigy sessions', () => {
  it('each `_session_id` is its own layer when there is no `_annotator_id`', () => {
    const recs = records(decodeAll(prodigyCodec, [task('news-alice', ORG), task('news-bob', PER)].join('\n')))
    expect(recs.map((r) => [r.annotator, recordView(r).spans])).toEqual([
      ['news-alice', [[0, 5, 'ORG']]],
      ['news-bob', [[12, 15, 'PERSON']]],
    ])
  })

  it('`_annotator_id` still wins over `_session_id`, and each layer is written back with its own tasks only', () => {
    const recs = records(decodeAll(prodigyCodec, [task('news-alice', ORG, { _annotator_id: 'alice' }), task('news-bob', PER)].join('\n')))
    expect(recs.map((r) => r.annotator)).toEqual(['alice', 'news-bob'])
    const bob = recs[1]
    const layer = { externalId: bob.externalId, title: bob.title, text: bob.text, meta: bob.meta, annotator: 'news-bob', status: null, spans: [], relations: [] }
    const out = encodeAll(prodigyCodec, [layer]).out.trim().split('\n').map((l) => JSON.parse(l))
    expect(out.map((t) => t._session_id)).toEqual(['news-bob'])
  })
})
