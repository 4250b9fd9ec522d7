import type { EditorView } from '@tiptap/pm/view'
import type { PositionMap } from './positionMap'

/**
 * The browser selection inside the editor, as text offsets, trimmed of
 * surrounding whitespace (a double-click often takes the trailing space).
 * Null when nothing is selected in the document.
 */
export function selectionOffsets(view: EditorView, map: PositionMap, text: string): { start: number; end: number } | null {
  const sel = window.getSelection()
  if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return null
  const range = sel.getRangeAt(0)
  if (!view.dom.contains(range.startContainer) || !view.dom.contains(range.endContainer)) return null
  let start: number
  let end: number
  try {
    start = map.toOffset(view.posAtDOM(range.startContainer, range.startOffset))
    end = map.toOffset(view.posAtDOM(range.endContainer, range.endOffset))
  } catch {
    return null
  }
  if (end < start) [start, end] = [end, start]
  while (start < end && /\s/u.test(text[start])) start++
  while (end > start && /\s/u.test(text[end - 1])) end--
  return end > start ? { start, end } : null
}

/** The selection's focus (the caret, after a click in the text) as a text offset; null when it is not in the editor. */
export function caretOffset(view: EditorView, map: PositionMap): number | null {
  const sel = window.getSelection()
  if (!sel || sel.rangeCount === 0 || !sel.focusNode || !view.dom.contains(sel.focusNode)) return null
  try {
    return map.toOffset(view.posAtDOM(sel.focusNode, sel.focusOffset))
  } catch {
    return null
  }
}
