/**
 * Every editor key that is not a label's hotkey, grouped as the help overlay
 * shows them. Each key combination is a list of keys pressed together; a row
 * may offer alternatives. Labels come from the schema, so they are not here.
 */
export interface Shortcut {
  keys: string[][]
  action: string
}

export interface ShortcutGroup {
  title: string
  shortcuts: Shortcut[]
}

export const EDITOR_SHORTCUTS: ShortcutGroup[] = [
  {
    title: 'Spans',
    shortcuts: [
      { keys: [['Tab'], ['→']], action: 'Select the next span' },
      { keys: [['Shift', 'Tab'], ['←']], action: 'Select the previous span' },
      { keys: [['Shift', '→'], ['Shift', '←']], action: 'Select text token by token (from the caret or the selected span)' },
      { keys: [['label key']], action: 'Label the selected text; with a span selected, relabel it' },
      { keys: [['Delete']], action: 'Delete the selected span or relation' },
      { keys: [['Esc']], action: 'Clear the selection, cancel what is under way' },
      { keys: [['s']], action: 'Token snapping on / off' },
    ],
  },
  {
    title: 'Relations',
    shortcuts: [
      { keys: [['r']], action: 'Start a relation from the selected span' },
      { keys: [['Tab'], ['←'], ['→']], action: 'Choose the tail (or click it)' },
      { keys: [['Enter']], action: 'Confirm the tail' },
      { keys: [['1 – 9']], action: 'Pick the relation type (by its number in the menu)' },
      { keys: [['Esc']], action: 'Cancel the relation' },
    ],
  },
  {
    title: 'Suggestions',
    shortcuts: [
      { keys: [[']'], ['[']], action: 'Focus the next / previous suggestion (dashed outline)' },
      { keys: [['Tab'], ['Shift', 'Tab']], action: 'From a focused suggestion: the next / previous one' },
      { keys: [['Enter']], action: 'Accept the focused suggestion, or the one under the caret' },
      { keys: [['label key']], action: 'Accept the focused suggestion as that label' },
      { keys: [['x']], action: 'Reject it: it is not offered again' },
      { keys: [['Esc']], action: 'Leave the suggestions (Tab moves through spans again)' },
    ],
  },
  {
    title: 'History',
    shortcuts: [
      { keys: [['Ctrl', 'Z']], action: 'Undo' },
      { keys: [['Ctrl', 'Shift', 'Z'], ['Ctrl', 'Y']], action: 'Redo' },
    ],
  },
  {
    title: 'Search',
    shortcuts: [
      { keys: [['/']], action: 'Search this document' },
      { keys: [['Enter']], action: 'Next hit' },
      { keys: [['Shift', 'Enter']], action: 'Previous hit' },
      { keys: [['Ctrl', 'Enter']], action: 'Label all matches (with a preview; one undo takes them back)' },
      { keys: [['Esc']], action: 'Close the search' },
    ],
  },
  {
    title: 'Document',
    shortcuts: [
      { keys: [['Ctrl', 'Enter']], action: 'Mark done and open the next document' },
      { keys: [['Ctrl', '='], ['Ctrl', '−']], action: 'Larger or smaller text (Ctrl+0: default)' },
      { keys: [['?']], action: 'Show or hide this help' },
    ],
  },
]

/** Glyphs the overlay shows for named keys (arrows): a label hotkey can never be one of those keys. */
const KEY_GLYPHS = new Set(['←', '→', '↑', '↓', '↵'])

/**
 * The one-character keys the editor binds without a modifier, digits
 * included: a label hotkey must not be one of them, so each must be in the
 * schema's RESERVED_HOTKEYS (a unit test checks).
 */
const singleCharacterKeys = EDITOR_SHORTCUTS.flatMap((g) => g.shortcuts.flatMap((s) => s.keys))
  .filter((combo) => combo.length === 1 && [...combo[0]].length === 1 && !KEY_GLYPHS.has(combo[0]))
  .map((combo) => combo[0])
export const HELP_SHORTCUT_KEYS: string[] = [...new Set([...singleCharacterKeys, ...'123456789'])]

/**
 * The review screen's keys (its own screen: these never clash with label
 * hotkeys, which the review does not bind). Shown by the review's key list.
 */
export const REVIEW_SHORTCUTS: ShortcutGroup[] = [
  {
    title: 'Review',
    shortcuts: [
      { keys: [['n'], ['p']], action: 'Next / previous open disagreement (any, once none is open)' },
      { keys: [['1 – 9']], action: 'Choose a reading' },
      { keys: [['Shift', 'A'], ['Enter']], action: 'Accept the chosen reading, reject the competing ones' },
      { keys: [['a']], action: 'Accept the chosen reading' },
      { keys: [['x']], action: 'Reject the chosen reading (again: take the rejection back; an accepted one leaves gold)' },
      { keys: [['e']], action: 'Edit the chosen reading, then accept it' },
      { keys: [['m']], action: 'Pre-merge what the annotators agree on' },
      { keys: [['v']], action: 'Merged / side by side' },
      { keys: [['Shift', 'D']], action: 'Mark the review done (when nothing is open)' },
      { keys: [['Shift', 'R']], action: 'Reopen a review marked done (to take in what annotators changed since)' },
      { keys: [['Ctrl', 'Z']], action: 'Undo the last gold change' },
      { keys: [['?']], action: 'Show or hide these keys' },
    ],
  },
]
