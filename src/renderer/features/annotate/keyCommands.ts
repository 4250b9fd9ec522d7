/**
 * The annotate screen's keys as a pure table: a key press and the screen's
 * state in, the command it means out (null: not ours, let the browser have
 * it). The screen runs the command; nothing here touches the DOM, so every
 * binding is unit-tested (test/unit/renderer/features/annotate/keyCommands.test.ts).
 */
export interface KeyPress {
  key: string
  ctrl?: boolean
  meta?: boolean
  alt?: boolean
  shift?: boolean
}

export interface KeyContext {
  helpOpen: boolean
  /** The relation being made: choosing its tail, or its type among `typeCount` options. */
  flow: { phase: 'tail' } | { phase: 'type'; typeCount: number } | null
  selectedSpan: boolean
  selectedRelation: boolean
  searchOpen: boolean
  /** Lower-cased hotkey -> label name (entity labels). */
  hotkeys: ReadonlyMap<string, string>
  /** How many suggestions the document shows (0 or absent: the suggestion keys are not bound). */
  suggestions?: number
  /** A suggestion is focused (by `]`/`[`, Tab from one, or a click): Tab and the label keys then act on it. */
  suggestionFocused?: boolean
}

export type Command =
  | { type: 'undo' }
  | { type: 'redo' }
  | { type: 'finish-next' }
  | { type: 'help'; open: boolean }
  | { type: 'cancel-relation' }
  | { type: 'tail-step'; dir: 1 | -1 }
  | { type: 'tail-confirm' }
  | { type: 'type-pick'; index: number }
  | { type: 'type-step'; dir: 1 | -1 }
  | { type: 'type-confirm' }
  | { type: 'delete-relation' }
  | { type: 'delete-span' }
  | { type: 'close-search' }
  | { type: 'deselect' }
  | { type: 'open-search' }
  | { type: 'start-relation' }
  | { type: 'move-span'; dir: 1 | -1 }
  /** Extend the text selection by one token (from the caret or the selected span). */
  | { type: 'extend'; dir: 1 | -1 }
  /** Label the selected text, or relabel the selected span when no text is selected. */
  | { type: 'label'; label: string }
  | { type: 'toggle-snapping' }
  | { type: 'text-size'; step: 1 | -1 | 0 }
  /** Focus the next or previous suggestion. */
  | { type: 'suggestion-step'; dir: 1 | -1 }
  /** Accept the focused suggestion (else the one under the caret), as its own label or as `label`. */
  | { type: 'suggestion-accept'; label?: string }
  /** Reject the focused suggestion (else the one under the caret): it is not offered again. */
  | { type: 'suggestion-reject' }

export function commandFor(k: KeyPress, ctx: KeyContext): Command | null {
  const mod = !!(k.ctrl || k.meta)
  const key = k.key.toLowerCase()
  if (ctx.helpOpen) return k.key === 'Escape' || k.key === '?' ? { type: 'help', open: false } : null
  if (mod && !k.alt) {
    if (key === 'z') return { type: k.shift ? 'redo' : 'undo' }
    if (key === 'y') return { type: 'redo' }
    if (k.key === 'Enter') return { type: 'finish-next' }
    if (k.key === '=' || k.key === '+') return { type: 'text-size', step: 1 }
    if (k.key === '-') return { type: 'text-size', step: -1 }
    if (k.key === '0') return { type: 'text-size', step: 0 }
    return null
  }
  if (mod || k.alt) return null

  if (ctx.flow) {
    // While a relation is being made, keys drive it (and never label the text).
    if (k.key === 'Escape') return { type: 'cancel-relation' }
    const forward = (k.key === 'Tab' && !k.shift) || k.key === 'ArrowDown'
    const back = (k.key === 'Tab' && k.shift) || k.key === 'ArrowUp'
    if (ctx.flow.phase === 'tail') {
      if (forward || k.key === 'ArrowRight') return { type: 'tail-step', dir: 1 }
      if (back || k.key === 'ArrowLeft') return { type: 'tail-step', dir: -1 }
      if (k.key === 'Enter') return { type: 'tail-confirm' }
      return null
    }
    const n = Number(k.key)
    if (Number.isInteger(n) && n >= 1 && n <= ctx.flow.typeCount) return { type: 'type-pick', index: n - 1 }
    if (forward) return { type: 'type-step', dir: 1 }
    if (back) return { type: 'type-step', dir: -1 }
    if (k.key === 'Enter') return { type: 'type-confirm' }
    return null
  }

  if (k.key === 'Delete' || k.key === 'Backspace') {
    if (ctx.selectedRelation) return { type: 'delete-relation' }
    if (ctx.selectedSpan) return { type: 'delete-span' }
    return null
  }
  if (k.key === 'Escape') return ctx.searchOpen ? { type: 'close-search' } : { type: 'deselect' }
  if (k.key === '?') return { type: 'help', open: true }
  if (k.key === '/') return { type: 'open-search' }
  if (k.shift && (k.key === 'ArrowRight' || k.key === 'ArrowLeft')) return { type: 'extend', dir: k.key === 'ArrowRight' ? 1 : -1 }
  if (key === 'r' && !k.shift && ctx.selectedSpan) return { type: 'start-relation' }
  // Suggestions: `]`/`[` always step through them; Tab does only from a focused one (else it steps through spans).
  const suggesting = (ctx.suggestions ?? 0) > 0
  if (suggesting && (k.key === ']' || k.key === '[')) return { type: 'suggestion-step', dir: k.key === ']' ? 1 : -1 }
  if (suggesting && ctx.suggestionFocused && k.key === 'Tab') return { type: 'suggestion-step', dir: k.shift ? -1 : 1 }
  if (suggesting && k.key === 'Enter' && !k.shift) return { type: 'suggestion-accept' }
  // `x` is reserved for rejecting; a label an older schema gave `x` keeps it unless a suggestion is focused.
  if (suggesting && key === 'x' && !k.shift && (ctx.suggestionFocused || !ctx.hotkeys.has('x'))) return { type: 'suggestion-reject' }
  if (k.key === 'Tab') return { type: 'move-span', dir: k.shift ? -1 : 1 }
  if (ctx.selectedSpan && (k.key === 'ArrowRight' || k.key === 'ArrowLeft')) return { type: 'move-span', dir: k.key === 'ArrowLeft' ? -1 : 1 }
  const label = k.shift ? undefined : ctx.hotkeys.get(key)
  if (label && suggesting && ctx.suggestionFocused) return { type: 'suggestion-accept', label }
  if (label) return { type: 'label', label }
  // A label keeps `s` if an older schema gave it that key; the toggle button still works then.
  if (key === 's' && !k.shift) return { type: 'toggle-snapping' }
  return null
}
