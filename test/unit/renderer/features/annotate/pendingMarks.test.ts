import { describe, expect, it } from 'vitest'
import { isQueued, pendingMarks } from '../../../../../src/renderer/features/annotate/pendingMarks'
import type { Edit, EditTarget } from '../../../../../src/renderer/features/annotate/pendingMarks'

let key = 1
const edit = (target: EditTarget, problem: string | null = null): Edit => ({ key: key++, what: 'x', target, problem, retryInS: problem ? 1 : null })

describe('pending marks: what the screen marks for unconfirmed edits', () => {
  it('marks a created span "saving…" and pending in the article; a failed one "not saved" and unsaved', () => {
    const m = pendingMarks([edit({ kind: 'span-create', id: -1 }), edit({ kind: 'span-create', id: -2 }, 'disk full')])
    expect(m.spans.get(-1)).toBe('saving…')
    expect(m.spans.get(-2)).toBe('not saved')
    expect(m.article[-1].className).toBe('sw-span--pending')
    expect(m.article[-2].className).toBe('sw-span--pending sw-span--unsaved')
    expect(m.article[-2].title).toBe('Not saved yet: disk full')
    expect(m.unsaved.map((e) => e.target)).toEqual([{ kind: 'span-create', id: -2 }])
  })

  it('marks every span of a batch (label all matches)', () => {
    const m = pendingMarks([edit({ kind: 'spans-create', ids: [-5, -6, -7] })])
    expect([...m.spans.keys()]).toEqual([-5, -6, -7])
    expect(Object.keys(m.article).map(Number).sort((a, b) => a - b)).toEqual([-7, -6, -5])
  })

  it('collects the changed fields of a span across edits, with the last failure, and keeps a delete mark over an update mark', () => {
    const m = pendingMarks([
      edit({ kind: 'span-delete', id: 4 }),
      edit({ kind: 'span-update', id: 4, fields: ['note'] }),
      edit({ kind: 'span-update', id: 9, fields: ['label'] }),
      edit({ kind: 'span-update', id: 9, fields: ['note', 'norm'] }, 'locked'),
    ])
    expect(m.fields.get(9)).toEqual(['label', 'note', 'norm'])
    expect(m.fieldProblems.get(9)).toBe('locked')
    expect(m.fieldProblems.has(4)).toBe(false)
    expect(m.spans.get(4)).toBe('deleting…')
    expect(m.article[4].className).toBe('sw-span--deleting')
    expect(m.article[9].className).toBe('sw-span--pending')
  })

  it('marks relations being created or deleted, and ignores history and status edits', () => {
    const m = pendingMarks([edit({ kind: 'relation-create', id: -3 }), edit({ kind: 'relation-delete', id: 8 }, 'busy'), edit({ kind: 'history' }), edit({ kind: 'status' })])
    expect(m.relations.get(-3)).toBe('saving…')
    expect(m.relations.get(8)).toBe('deleting… not saved')
    expect(m.spans.size).toBe(0)
    expect(m.unsaved).toHaveLength(1)
  })

  it('knows whether a delete of that very item is already queued', () => {
    const edits = [edit({ kind: 'span-delete', id: 4 }), edit({ kind: 'relation-delete', id: 5 })]
    expect(isQueued(edits, 'span-delete', 4)).toBe(true)
    expect(isQueued(edits, 'span-delete', 5)).toBe(false)
    expect(isQueued(edits, 'relation-delete', 5)).toBe(true)
  })
})
