import { describe, expect, it } from 'vitest'
import { REVIEW_SHORTCUTS } from '../../../../../src/renderer/components/help/shortcuts'
import { CHANGING, reviewKeyCommand } from '../../../../../src/renderer/features/review/reviewKeys'

const key = (k: string, mods: Partial<{ shiftKey: boolean; ctrlKey: boolean; metaKey: boolean; altKey: boolean; targetTag: string }> = {}) =>
  reviewKeyCommand({ key: k, shiftKey: false, ctrlKey: false, metaKey: false, altKey: false, ...mods })

describe('the review key map', () => {
  it('maps the listed keys to their commands', () => {
    expect(key('n')).toEqual({ kind: 'next' })
    expect(key('p')).toEqual({ kind: 'previous' })
    expect(key('3')).toEqual({ kind: 'choose', index: 2 })
    expect(key('a')).toEqual({ kind: 'accept' })
    expect(key('x')).toEqual({ kind: 'reject' })
    expect(key('A', { shiftKey: true })).toEqual({ kind: 'acceptOnly' })
    expect(key('Enter')).toEqual({ kind: 'acceptOnly' })
    expect(key('D', { shiftKey: true })).toEqual({ kind: 'done' })
    expect(key('R', { shiftKey: true })).toEqual({ kind: 'reopen' })
    expect(key('z', { ctrlKey: true })).toEqual({ kind: 'undo' })
    expect(key('z', { metaKey: true })).toEqual({ kind: 'undo' })
  })

  it('Caps Lock alone neither accepts-and-rejects nor finishes; Enter on a button stays the button', () => {
    expect(key('A')).toBeNull()
    expect(key('D')).toBeNull()
    expect(key('R')).toBeNull()
    expect(key('Enter', { targetTag: 'BUTTON' })).toBeNull()
    expect(key('a', { altKey: true })).toBeNull()
    expect(key('a', { ctrlKey: true })).toBeNull()
    expect(key('0')).toBeNull()
    expect(key('q')).toBeNull()
  })

  it('every changing command is refused on a finished review, and every key is in the help list', () => {
    expect([...CHANGING].sort()).toEqual(['accept', 'acceptOnly', 'edit', 'premerge', 'reject', 'undo'])
    const listed = REVIEW_SHORTCUTS.flatMap((g) => g.shortcuts.flatMap((s) => s.keys.map((combo) => combo.join('+'))))
    for (const k of ['n', 'p', 'a', 'x', 'e', 'm', 'v', '?', 'Enter', 'Shift+A', 'Shift+D', 'Shift+R', 'Ctrl+Z']) expect(listed).toContain(k)
  })
})
