// Prodigy textcat (`label` + answer) and choice tasks (`options` + `accept`) say nothing about spans. They were read
// as "accepted tasks without spans": a done layer with no spans, i.e. a real negative ("this text has no entities"),
// which review and agreement then count as such.
import { describe, expect, it } from 'vitest'
import { NOTES } from '../../../../src/shared/formats/prodigyTasks'
import { prodigyCodec } from '../../../../src/shared/formats/prodigy'
import { decodeAll, records } from './formatTestUtil'

const line = (o: object) => JSON.stringify({ _annotator_id: 'tc-amy', _session_id: 'tc-amy', answer: 'accept', ...o })

describe('Prodigy category tasks', () => {
  it('a textcat or choice task is kept in meta and counted, not made a done layer with no spans', () => {
    const file = [
      line({ text: 'I love it', label: 'POSITIVE', _input_hash: 1, _task_hash: 2, _view_id: 'classification' }),
      line({ text: 'Where is it?', options: [{ id: 'Q', text: 'Question' }, { id: 'S', text: 'Statement' }], accept: ['Q'], _input_hash: 3, _task_hash: 4, _view_id: 'choice' }),
    ].join('\n')
    const recs = records(decodeAll(prodigyCodec, file))
    expect(recs.map((r) => [r.externalId, r.status, r.spans.length])).toEqual([
      ['1', null, 0],
      ['3', null, 0],
    ])
    expect({ ...recs[0].notes, ...recs[1].notes }).toEqual({ [NOTES.categories]: 1 })
    expect((recs[1].meta.prodigy as { tasks: { accept: string[] }[] }).tasks[0].accept).toEqual(['Q'])
  })

  it('an accepted ner task without spans is still a real negative, and a choice task with spans (entity linking) still gives its spans', () => {
    const tokens = [{ text: 'Emerson', start: 0, end: 7, id: 0, ws: false }]
    const recs = records(
      decodeAll(
        prodigyCodec,
        [
          line({ text: 'Nothing', tokens: [{ text: 'Nothing', start: 0, end: 7, id: 0, ws: false }], spans: [], _input_hash: 5, _view_id: 'ner_manual' }),
          line({ text: 'Emerson', tokens, spans: [{ start: 0, end: 7, token_start: 0, token_end: 0, label: 'PERSON' }], options: [{ id: 'Q1', html: 'a' }], accept: ['Q1'], _input_hash: 6, _view_id: 'choice' }),
        ].join('\n'),
      ),
    )
    expect(recs.map((r) => [r.externalId, r.status, r.spans.length])).toEqual([
      ['5', 'done', 0],
      ['6', 'done', 1],
    ])
  })
})
