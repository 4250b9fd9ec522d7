import { describe, expect, it } from 'vitest'
import { commandFor } from '../../../../../src/renderer/features/annotate/keyCommands'
import type { KeyContext } from '../../../../../src/renderer/features/annotate/keyCommands'

const hotkeys = new Map([
  ['p', 'PERSON'],
  ['g', 'GPE'],
])
const base: KeyContext = { helpOpen: false, flow: null, selectedSpan: false, selectedRelation: false, searchOpen: false, hotkeys }
const ctx = (over: Partial<KeyContext> = {}): KeyContext => ({ ...base, ...over })

describe('key → command table', () => {
  it('a label key labels (the screen relabels the selected span when no text is selected); Shift+key does not', () => {
    expect(commandFor({ key: 'p' }, ctx())).toEqual({ type: 'label', label: 'PERSON' })
    expect(commandFor({ key: 'G' }, ctx({ selectedSpan: true }))).toEqual({ type: 'label', label: 'GPE' })
    expect(commandFor({ key: 'P', shift: true }, ctx())).toBeNull()
    expect(commandFor({ key: 'x' }, ctx())).toBeNull()
  })

  it('Shift+arrows extend the selection token by token, with or without a selected span; plain arrows move between spans only with one selected', () => {
    expect(commandFor({ key: 'ArrowRight', shift: true }, ctx())).toEqual({ type: 'extend', dir: 1 })
    expect(commandFor({ key: 'ArrowLeft', shift: true }, ctx({ selectedSpan: true }))).toEqual({ type: 'extend', dir: -1 })
    expect(commandFor({ key: 'ArrowRight' }, ctx())).toBeNull()
    expect(commandFor({ key: 'ArrowRight' }, ctx({ selectedSpan: true }))).toEqual({ type: 'move-span', dir: 1 })
    expect(commandFor({ key: 'ArrowLeft' }, ctx({ selectedSpan: true }))).toEqual({ type: 'move-span', dir: -1 })
    expect(commandFor({ key: 'Tab', shift: true }, ctx())).toEqual({ type: 'move-span', dir: -1 })
  })

  it('history, done & next and text size take Ctrl (or Cmd); other modified keys are not ours', () => {
    expect(commandFor({ key: 'z', ctrl: true }, ctx())).toEqual({ type: 'undo' })
    expect(commandFor({ key: 'Z', ctrl: true, shift: true }, ctx())).toEqual({ type: 'redo' })
    expect(commandFor({ key: 'y', meta: true }, ctx())).toEqual({ type: 'redo' })
    expect(commandFor({ key: 'Enter', ctrl: true }, ctx())).toEqual({ type: 'finish-next' })
    expect(commandFor({ key: '=', ctrl: true }, ctx())).toEqual({ type: 'text-size', step: 1 })
    expect(commandFor({ key: '-', ctrl: true }, ctx())).toEqual({ type: 'text-size', step: -1 })
    expect(commandFor({ key: '0', ctrl: true }, ctx())).toEqual({ type: 'text-size', step: 0 })
    expect(commandFor({ key: 'p', ctrl: true }, ctx())).toBeNull()
    expect(commandFor({ key: 'p', alt: true }, ctx())).toBeNull()
    expect(commandFor({ key: 'z', ctrl: true, alt: true }, ctx())).toBeNull()
  })

  it('while the help is open only Esc and ? (closing it) are taken', () => {
    const open = ctx({ helpOpen: true, selectedSpan: true })
    expect(commandFor({ key: 'Escape' }, open)).toEqual({ type: 'help', open: false })
    expect(commandFor({ key: '?' }, open)).toEqual({ type: 'help', open: false })
    expect(commandFor({ key: 'p' }, open)).toBeNull()
    expect(commandFor({ key: 'z', ctrl: true }, open)).toBeNull()
    expect(commandFor({ key: '?' }, ctx())).toEqual({ type: 'help', open: true })
  })

  it('while a relation is made, keys drive it and never label', () => {
    const tail = ctx({ flow: { phase: 'tail' }, selectedSpan: true })
    expect(commandFor({ key: 'p' }, tail)).toBeNull()
    expect(commandFor({ key: 'Tab' }, tail)).toEqual({ type: 'tail-step', dir: 1 })
    expect(commandFor({ key: 'ArrowLeft' }, tail)).toEqual({ type: 'tail-step', dir: -1 })
    expect(commandFor({ key: 'Enter' }, tail)).toEqual({ type: 'tail-confirm' })
    expect(commandFor({ key: 'Escape' }, tail)).toEqual({ type: 'cancel-relation' })
    const type = ctx({ flow: { phase: 'type', typeCount: 3 } })
    expect(commandFor({ key: '2' }, type)).toEqual({ type: 'type-pick', index: 1 })
    expect(commandFor({ key: '4' }, type)).toBeNull()
    expect(commandFor({ key: 'ArrowDown' }, type)).toEqual({ type: 'type-step', dir: 1 })
    expect(commandFor({ key: 'Tab', shift: true }, type)).toEqual({ type: 'type-step', dir: -1 })
    expect(commandFor({ key: 'Enter' }, type)).toEqual({ type: 'type-confirm' })
  })

  it('Delete removes the selected relation before the selected span, and nothing without a selection', () => {
    expect(commandFor({ key: 'Delete' }, ctx({ selectedSpan: true, selectedRelation: true }))).toEqual({ type: 'delete-relation' })
    expect(commandFor({ key: 'Backspace' }, ctx({ selectedSpan: true }))).toEqual({ type: 'delete-span' })
    expect(commandFor({ key: 'Delete' }, ctx())).toBeNull()
  })

  it('Esc closes the search first, else clears the selection; / opens the search; r starts a relation only from a span; s toggles snapping unless a label has it', () => {
    expect(commandFor({ key: 'Escape' }, ctx({ searchOpen: true }))).toEqual({ type: 'close-search' })
    expect(commandFor({ key: 'Escape' }, ctx())).toEqual({ type: 'deselect' })
    expect(commandFor({ key: '/' }, ctx())).toEqual({ type: 'open-search' })
    expect(commandFor({ key: 'r' }, ctx())).toBeNull()
    expect(commandFor({ key: 'r' }, ctx({ selectedSpan: true }))).toEqual({ type: 'start-relation' })
    expect(commandFor({ key: 's' }, ctx())).toEqual({ type: 'toggle-snapping' })
    expect(commandFor({ key: 's' }, ctx({ hotkeys: new Map([['s', 'SPORT']]) }))).toEqual({ type: 'label', label: 'SPORT' })
  })
})

describe('key → command table: suggestions', () => {
  const some = (over: Partial<KeyContext> = {}) => ctx({ suggestions: 3, ...over })

  it('] and [ step through suggestions whenever there are some; with none they are not ours', () => {
    expect(commandFor({ key: ']' }, some())).toEqual({ type: 'suggestion-step', dir: 1 })
    expect(commandFor({ key: '[' }, some({ selectedSpan: true }))).toEqual({ type: 'suggestion-step', dir: -1 })
    expect(commandFor({ key: ']' }, ctx())).toBeNull()
    expect(commandFor({ key: ']' }, ctx({ suggestions: 0 }))).toBeNull()
  })

  it('Tab moves through suggestions only from a focused one; otherwise it still moves through spans', () => {
    expect(commandFor({ key: 'Tab' }, some({ suggestionFocused: true }))).toEqual({ type: 'suggestion-step', dir: 1 })
    expect(commandFor({ key: 'Tab', shift: true }, some({ suggestionFocused: true }))).toEqual({ type: 'suggestion-step', dir: -1 })
    expect(commandFor({ key: 'Tab' }, some())).toEqual({ type: 'move-span', dir: 1 })
    expect(commandFor({ key: 'Tab', shift: true }, some({ selectedSpan: true }))).toEqual({ type: 'move-span', dir: -1 })
  })

  it('Enter accepts (the focused one, else the one under the caret); Shift+Enter and Ctrl+Enter do not', () => {
    expect(commandFor({ key: 'Enter' }, some())).toEqual({ type: 'suggestion-accept' })
    expect(commandFor({ key: 'Enter' }, some({ suggestionFocused: true }))).toEqual({ type: 'suggestion-accept' })
    expect(commandFor({ key: 'Enter', shift: true }, some())).toBeNull()
    expect(commandFor({ key: 'Enter', ctrl: true }, some())).toEqual({ type: 'finish-next' })
    expect(commandFor({ key: 'Enter' }, ctx())).toBeNull()
  })

  it("a label's key accepts a focused suggestion as that label; without a focused one it labels the selection as before", () => {
    expect(commandFor({ key: 'g' }, some({ suggestionFocused: true }))).toEqual({ type: 'suggestion-accept', label: 'GPE' })
    expect(commandFor({ key: 'p' }, some())).toEqual({ type: 'label', label: 'PERSON' })
    expect(commandFor({ key: 'P', shift: true }, some({ suggestionFocused: true }))).toBeNull()
  })

  it('x rejects; a label an older schema gave x keeps it unless a suggestion is focused', () => {
    expect(commandFor({ key: 'x' }, some())).toEqual({ type: 'suggestion-reject' })
    expect(commandFor({ key: 'X', shift: true }, some())).toBeNull()
    const xLabel = new Map([['x', 'XENO']])
    expect(commandFor({ key: 'x' }, some({ hotkeys: xLabel }))).toEqual({ type: 'label', label: 'XENO' })
    expect(commandFor({ key: 'x' }, some({ hotkeys: xLabel, suggestionFocused: true }))).toEqual({ type: 'suggestion-reject' })
  })

  it('while a relation is being made or help is open, the suggestion keys do nothing to suggestions', () => {
    expect(commandFor({ key: 'Enter' }, some({ flow: { phase: 'tail' } }))).toEqual({ type: 'tail-confirm' })
    expect(commandFor({ key: 'Tab' }, some({ suggestionFocused: true, flow: { phase: 'tail' } }))).toEqual({ type: 'tail-step', dir: 1 })
    expect(commandFor({ key: 'x' }, some({ flow: { phase: 'tail' } }))).toBeNull()
    expect(commandFor({ key: ']' }, some({ helpOpen: true }))).toBeNull()
  })
})
