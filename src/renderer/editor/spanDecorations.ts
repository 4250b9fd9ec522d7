import { Extension } from '@tiptap/core'
import type { Node as PMNode } from '@tiptap/pm/model'
import { Plugin, PluginKey } from '@tiptap/pm/state'
import type { EditorView } from '@tiptap/pm/view'
import { Decoration, DecorationSet } from '@tiptap/pm/view'
import type { EditorPaint } from './editorTypes'
import type { PositionMap } from './positionMap'
import type { SpanIndex } from './spanIndex'

const key = new PluginKey<DecorationSet>('spanwright-spans')

/** Underline lanes drawn; deeper nesting shares the last lane (the tag still names it). */
export const MAX_DEPTH = 4

function labelWidget(label: string, color: string, spanId: number): () => HTMLElement {
  return () => {
    const el = document.createElement('span')
    el.className = 'sw-tag'
    el.textContent = label
    el.setAttribute('contenteditable', 'false')
    el.setAttribute('aria-hidden', 'true')
    el.dataset.tagFor = String(spanId)
    el.style.setProperty('--c', color)
    return el
  }
}

/**
 * Decorations for the part of the article in [from, to): each span overlapping
 * it as an inline decoration with nodeName 'span' (so overlapping spans nest as
 * elements instead of being merged, which would lose the inner id), its
 * underline lane from its nesting depth, a label tag after its last character,
 * and the search hits. Spans outside the range are left undecorated: with a
 * 10k-span layer, decorating only what is near the viewport keeps opening and
 * repainting proportional to the screen, not the document.
 */
export function buildDecorations(doc: PMNode, map: PositionMap, paint: EditorPaint, index: SpanIndex, from: number, to: number): DecorationSet {
  const decos: Decoration[] = []
  const highlight = new Set(paint.highlightSpanIds ?? [])
  const depths = index.depthsNear(from, to)
  for (const s of index.overlapping(from, to)) {
    const color = paint.colors[s.label] ?? '#888888'
    const extra = paint.decorate?.[s.id]
    const depth = Math.min(depths.get(s.id) ?? 0, MAX_DEPTH - 1)
    let cls = 'sw-span'
    if (s.id === paint.selectedSpanId) cls += ' sw-span--selected'
    if (highlight.has(s.id)) cls += ' sw-span--highlight'
    if (extra?.className) cls += ` ${extra.className}`
    const attrs: Record<string, string> = {
      nodeName: 'span',
      class: cls,
      'data-span-id': String(s.id),
      'data-label': s.label,
      'data-depth': String(depth),
      style: `--c: ${color}; --d: ${depth}`,
    }
    if (extra?.title) attrs.title = extra.title
    for (const [a, b] of s.fragments ?? [[s.start, s.end]]) {
      const pa = map.toPos(a)
      const pb = map.toPos(b)
      if (pb > pa) decos.push(Decoration.inline(pa, pb, attrs, { spanId: s.id, depth }))
    }
    // Tags of nested spans ending together read inner first: a deeper span's tag sits further right.
    decos.push(Decoration.widget(map.toPos(s.end), labelWidget(s.label, color, s.id), { side: 10 + depth, ignoreSelection: true, key: `tag-${s.id}-${s.label}-${color}`, tagFor: s.id }))
  }
  const hits = paint.searchHits ?? []
  for (let i = 0; i < hits.length; i++) {
    const h = hits[i]
    if (h.end <= from || h.start >= to) continue
    const pa = map.toPos(h.start)
    const pb = map.toPos(h.end)
    const active = i === paint.activeSearchHit
    if (pb > pa) decos.push(Decoration.inline(pa, pb, { nodeName: 'mark', class: active ? 'sw-hit sw-hit--active' : 'sw-hit' }, { hit: i, active }))
  }
  return DecorationSet.create(doc, decos)
}

/** Replaces the painted decorations in one transaction (the document itself never changes). */
export function applyDecorations(view: EditorView, set: DecorationSet): void {
  dispatchWithoutSelectionRecheck(view, () => view.dispatch(view.state.tr.setMeta(key, set)))
}

type DomSelectionRange = Pick<Selection, 'anchorNode' | 'anchorOffset' | 'focusNode' | 'focusOffset'>
const NO_SELECTION: DomSelectionRange = { anchorNode: null, anchorOffset: 0, focusNode: null, focusOffset: 0 }

/**
 * Runs a decoration-only dispatch so that ProseMirror reads the page's selection
 * once, before it redraws, instead of again after: that second read (its check
 * whether the editor owns the selection) forces a synchronous layout of the text
 * it just rewrote, 4-15 ms per repaint on a long document (measured in the bench's
 * hotkey trace). A decoration change cannot move the selection into the article,
 * so when the first read finds it outside, later reads in the same dispatch answer
 * "none" and the selection is left alone; when it is inside, ProseMirror keeps
 * syncing it as usual. (`domSelectionRange` is ProseMirror's internal accessor;
 * without it this is a plain dispatch.)
 */
export function dispatchWithoutSelectionRecheck(view: EditorView, dispatch: () => void): void {
  const v = view as unknown as { domSelectionRange?: () => DomSelectionRange }
  const read = v.domSelectionRange
  if (typeof read !== 'function' || Object.prototype.hasOwnProperty.call(v, 'domSelectionRange')) return dispatch()
  let outside: boolean | null = null
  v.domSelectionRange = function (this: EditorView) {
    if (outside) return NO_SELECTION
    const sel = read.call(this)
    outside ??= !sel.anchorNode || !view.dom.contains(sel.anchorNode)
    return sel
  }
  try {
    dispatch()
  } finally {
    delete v.domSelectionRange
  }
}

export const SpanDecorations = Extension.create({
  name: 'spanDecorations',
  addProseMirrorPlugins() {
    return [
      new Plugin<DecorationSet>({
        key,
        state: {
          init: () => DecorationSet.empty,
          apply: (tr, old) => (tr.getMeta(key) as DecorationSet | undefined) ?? old.map(tr.mapping, tr.doc),
        },
        props: { decorations: (state) => key.getState(state) },
      }),
    ]
  },
})
