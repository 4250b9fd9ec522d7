/// <reference lib="dom" />
// The decorations module builds DOM widgets (run only in the browser); its types need the DOM library here.
import { EditorView } from '@tiptap/pm/view'
import { describe, expect, it } from 'vitest'
import { dispatchWithoutSelectionRecheck } from '../../../../src/renderer/editor/spanDecorations'

// Stand-ins for DOM nodes: the wrapper only asks the article whether it contains the selection's anchor.
const inside = { name: 'text in the article' }
const elsewhere = { name: 'text in a side panel' }
const article = { contains: (n: unknown) => n === inside }

type Range = { anchorNode: unknown; anchorOffset: number; focusNode: unknown; focusOffset: number }

/**
 * A view whose selection accessor is ProseMirror's own method name, reading a
 * live "page selection" and counting the reads, and whose dispatch reads it the
 * way ProseMirror's update does: once before redrawing, again after.
 */
function viewWithSelection(anchor: unknown) {
  const reads: Range[] = []
  const proto = {
    domSelectionRange(): Range {
      const r = { anchorNode: anchor, anchorOffset: 1, focusNode: anchor, focusOffset: 3 }
      reads.push(r)
      return r
    },
  }
  const view = Object.assign(Object.create(proto) as typeof proto, { dom: article })
  const seen: Range[] = []
  const dispatch = () => {
    seen.push(view.domSelectionRange(), view.domSelectionRange(), view.domSelectionRange())
  }
  return { view: view as unknown as EditorView, reads, seen, dispatch }
}

describe('dispatchWithoutSelectionRecheck', () => {
  it("relies on ProseMirror's selection accessor, which this version has", () => {
    // If an upgrade renames it, the repaint silently goes back to forcing a layout: fail here instead.
    expect(typeof (EditorView.prototype as unknown as { domSelectionRange?: unknown }).domSelectionRange).toBe('function')
  })

  it('reads the page selection once when it is outside the article, and answers "none" after', () => {
    const v = viewWithSelection(elsewhere)
    dispatchWithoutSelectionRecheck(v.view, v.dispatch)
    expect(v.reads).toHaveLength(1)
    expect(v.seen[0].anchorNode).toBe(elsewhere)
    expect(v.seen.slice(1).map((r) => r.anchorNode)).toEqual([null, null])
  })

  it('leaves every read to ProseMirror when the selection is in the article', () => {
    const v = viewWithSelection(inside)
    dispatchWithoutSelectionRecheck(v.view, v.dispatch)
    expect(v.reads).toHaveLength(3)
    expect(v.seen.map((r) => r.anchorNode)).toEqual([inside, inside, inside])
  })

  it('treats no selection at all as outside', () => {
    const v = viewWithSelection(null)
    dispatchWithoutSelectionRecheck(v.view, v.dispatch)
    expect(v.reads).toHaveLength(1)
  })

  it('restores the accessor afterwards, also when the dispatch throws', () => {
    const v = viewWithSelection(elsewhere)
    expect(() =>
      dispatchWithoutSelectionRecheck(v.view, () => {
        v.dispatch()
        throw new Error('boom')
      }),
    ).toThrow('boom')
    expect(Object.prototype.hasOwnProperty.call(v.view, 'domSelectionRange')).toBe(false)
    v.dispatch()
    expect(v.seen.slice(-3).map((r) => r.anchorNode)).toEqual([elsewhere, elsewhere, elsewhere])
  })
})
