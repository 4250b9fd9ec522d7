/** What a key does in the review (see REVIEW_SHORTCUTS); null: not a review key. */
export type ReviewCommand =
  | { kind: 'next' | 'previous' | 'toggleView' | 'premerge' | 'keys' | 'acceptOnly' | 'accept' | 'reject' | 'edit' | 'done' | 'reopen' | 'escape' | 'undo' }
  | { kind: 'choose'; index: number }

/** Commands that change gold or a decision: refused while the review is marked done. */
export const CHANGING: ReadonlySet<ReviewCommand['kind']> = new Set(['premerge', 'acceptOnly', 'accept', 'reject', 'edit', 'undo'])

/**
 * The review's key map. Shift+A, Shift+D and Shift+R need Shift (Caps Lock alone does
 * not accept or finish); Enter on a focused button stays that button's click.
 */
export function reviewKeyCommand(e: { key: string; shiftKey: boolean; ctrlKey: boolean; metaKey: boolean; altKey: boolean; targetTag?: string }): ReviewCommand | null {
  if (e.altKey) return null
  if (e.ctrlKey || e.metaKey) return e.key.toLowerCase() === 'z' && !e.shiftKey ? { kind: 'undo' } : null
  if (/^[1-9]$/.test(e.key)) return { kind: 'choose', index: Number(e.key) - 1 }
  if (e.key === 'Enter') return e.targetTag === 'BUTTON' || e.shiftKey ? null : { kind: 'acceptOnly' }
  if (e.key === 'A') return e.shiftKey ? { kind: 'acceptOnly' } : null
  if (e.key === 'D') return e.shiftKey ? { kind: 'done' } : null
  if (e.key === 'R') return e.shiftKey ? { kind: 'reopen' } : null
  const simple: Record<string, ReviewCommand['kind']> = { n: 'next', p: 'previous', v: 'toggleView', m: 'premerge', '?': 'keys', a: 'accept', x: 'reject', e: 'edit', Escape: 'escape' }
  const kind = simple[e.key]
  return kind ? ({ kind } as ReviewCommand) : null
}
