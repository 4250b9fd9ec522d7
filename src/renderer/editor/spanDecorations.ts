import { Extension } from '@tiptap/core'
import type { Node as PMNode } from '@tiptap/pm/model'
import { Plugin, PluginKey } from '@tiptap/pm/state'
import type { EditorView } from '@tiptap/pm/view'
import { Decoration, DecorationSet } from '@tiptap/pm/view'
import type { EditorPaint, PaintedSuggestion } from './editorTypes'
import type { PositionMap } from './positionMap'
import type { SpanIndex } from './spanIndex'
import { firstEndingAfter, suggestionTitle } from './suggestionPaint'
import { tagLanes } from './tagLanes'

const key = new PluginKey<DecorationSet>('spanwright-spans')

/** Underline lanes drawn; deeper nesting shares the last lane (the tag still names it). */
export const MAX_DEPTH = 4

/**
 * A tag: a zero-width anchor in the text at the span's first character,
 * holding the tag itself positioned above the line (in lane `lane`), so tags
 * never push or wrap the words (see .sw-tag in app.css).
 */
function tagAnchor(className: string, text: string, color: string, lane: number, dir: 'ltr' | 'rtl', data: Record<string, string>, title?: string): HTMLElement {
  const anchor = document.createElement('span')
  anchor.className = 'sw-tag-anchor'
  // Its own dir keeps the tag's Latin label out of the line's dir=auto guess (a Hebrew line stays right to left),
  // and sets the line's direction on it, so the tag sits over the span's first character on either side.
  anchor.dir = dir
  anchor.setAttribute('contenteditable', 'false')
  anchor.setAttribute('aria-hidden', 'true')
  const el = document.createElement('span')
  el.className = className
  el.textContent = text
  if (title) el.title = title
  Object.assign(el.dataset, data)
  el.style.setProperty('--c', color)
  el.style.setProperty('--lane', String(lane))
  anchor.appendChild(el)
  return anchor
}

/** A label tag for a span. */
function labelWidget(label: string, color: string, spanId: number, lane: number, selected: boolean, dir: 'ltr' | 'rtl'): () => HTMLElement {
  return () => tagAnchor(selected ? 'sw-tag sw-tag--selected' : 'sw-tag', label, color, lane, dir, { tagFor: String(spanId), lane: String(lane) })
}

/** A suggestion's tag: like a label tag, but dashed and pale (see suggestions.css); never a relation drag handle. */
function suggestionWidget(s: PaintedSuggestion, index: number, color: string, lane: number, focused: boolean, dir: 'ltr' | 'rtl'): () => HTMLElement {
  const className = focused ? 'sw-tag sw-tag--suggestion sw-tag--suggestion-focused' : 'sw-tag sw-tag--suggestion'
  return () => tagAnchor(className, `${s.label}?`, color, lane, dir, { suggestionTag: String(index) }, suggestionTitle(s))
}

/** Suggestions take lane ids below every span id (pending spans count down from -1). */
const SUGGESTION_LANE_ID = -1_000_000_000

const STRONG = /[\p{L}]/u
const RTL = /[\p{Script=Hebrew}\p{Script=Arabic}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}]/u

/** A line's direction as dir=auto decides it: from its first letter. */
export function lineDirection(line: string): 'ltr' | 'rtl' {
  const m = STRONG.exec(line)
  return m && RTL.test(m[0]) ? 'rtl' : 'ltr'
}

/**
 * Decorations for the part of the article in [from, to): each span overlapping
 * it as an inline decoration with nodeName 'span' (so overlapping spans nest as
 * elements instead of being merged, which would lose the inner id), its
 * underline lane from its nesting depth, a label tag above its first character
 * (in a tag lane, so close tags do not cover each other), and the search hits. Spans outside the range are left undecorated: with a
 * 10k-span layer, decorating only what is near the viewport keeps opening and
 * repainting proportional to the screen, not the document.
 */
export function buildDecorations(doc: PMNode, map: PositionMap, paint: EditorPaint, index: SpanIndex, from: number, to: number): DecorationSet {
  const decos: Decoration[] = []
  const highlight = new Set(paint.highlightSpanIds ?? [])
  const depths = index.depthsNear(from, to)
  const near = index.overlapping(from, to)
  // A screen may give a tag its own text (the review's `PERSON · a b`): lanes must reserve its width.
  const tagOf = (sp: { id: number; label: string }) => paint.decorate?.[sp.id]?.tag ?? sp.label
  // The suggestions in the window (text order): their tags share the lanes with the spans' tags.
  const suggestions = paint.suggestions ?? []
  const firstSuggestion = firstEndingAfter(suggestions, from)
  let endSuggestion = firstSuggestion
  while (endSuggestion < suggestions.length && suggestions[endSuggestion].start < to) endSuggestion++
  const tagged = paint.decorate ? near.map((sp) => ({ ...sp, label: tagOf(sp) })) : endSuggestion > firstSuggestion ? [...near] : near
  for (let i = firstSuggestion; i < endSuggestion; i++) {
    const sg = suggestions[i]
    tagged.push({ id: SUGGESTION_LANE_ID - i, start: sg.start, end: sg.end, label: `${sg.label}?` } as (typeof tagged)[number])
  }
  const lanes = tagLanes(tagged, (offset) => map.lineOf(offset))
  const dirs = new Map<number, 'ltr' | 'rtl'>()
  const dirAt = (offset: number) => {
    const line = map.lineOf(offset)
    let d = dirs.get(line)
    if (!d) {
      const l = map.lines[line]
      d = lineDirection(doc.textBetween(map.toPos(l.start), map.toPos(l.start + l.length)))
      dirs.set(line, d)
    }
    return d
  }
  for (const s of near) {
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
    const lane = lanes.get(s.id) ?? 0
    decos.push(
      Decoration.widget(map.toPos(s.start), labelWidget(tagOf(s), color, s.id, lane, s.id === paint.selectedSpanId, dirAt(s.start)), {
        side: -10 - depth,
        ignoreSelection: true,
        key: `tag-${s.id}-${tagOf(s)}-${color}-${lane}${s.id === paint.selectedSpanId ? '-sel' : ''}`,
        tagFor: s.id,
        lane,
      }),
    )
  }
  for (let i = firstSuggestion; i < endSuggestion; i++) {
    const sg = suggestions[i]
    const color = paint.colors[sg.label] ?? '#888888'
    const focused = i === paint.focusedSuggestion
    const pa = map.toPos(sg.start)
    const pb = map.toPos(sg.end)
    if (pb <= pa) continue
    const attrs = {
      nodeName: 'span',
      class: focused ? 'sw-suggestion sw-suggestion--focused' : 'sw-suggestion',
      'data-suggestion': String(i),
      'data-start': String(sg.start),
      'data-label': sg.label,
      'data-recommender': sg.recommender,
      title: suggestionTitle(sg),
      style: `--c: ${color}`,
    }
    decos.push(Decoration.inline(pa, pb, attrs, { suggestion: i, focused }))
    const lane = lanes.get(SUGGESTION_LANE_ID - i) ?? 0
    decos.push(
      Decoration.widget(pa, suggestionWidget(sg, i, color, lane, focused, dirAt(sg.start)), {
        side: -10,
        ignoreSelection: true,
        key: `sg-${i}-${sg.start}-${sg.label}-${color}-${lane}${focused ? '-f' : ''}`,
        lane,
      }),
    )
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
