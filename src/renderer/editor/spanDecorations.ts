import { Extension } from '@tiptap/core'
import { Plugin, PluginKey } from '@tiptap/pm/state'
import type { EditorView } from '@tiptap/pm/view'
import { Decoration, DecorationSet } from '@tiptap/pm/view'
import type { EditorPaint } from './editorTypes'
import type { PositionMap } from './positionMap'


const key = new PluginKey<DecorationSet>('spanwright-spans')

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
 * Builds the decorations for a layer. Each span is an inline decoration with
 * nodeName 'span' so overlapping spans nest as elements instead of being merged
 * (ProseMirror merges plain attribute decorations and loses the inner id),
 * plus a small label tag after its last character.
 */
export function buildDecorations(view: EditorView, map: PositionMap, paint: EditorPaint): DecorationSet {
  const decos: Decoration[] = []
  for (const s of paint.spans) {
    const color = paint.colors[s.label] ?? '#888888'
    const extra = paint.decorate?.[s.id]
    const cls = `sw-span${s.id === paint.selectedSpanId ? ' sw-span--selected' : ''}${paint.highlightSpanIds?.includes(s.id) ? ' sw-span--highlight' : ''}${extra?.className ? ` ${extra.className}` : ''}`
    const ranges = s.fragments ?? [[s.start, s.end]]
    for (const [a, b] of ranges) {
      const from = map.toPos(a)
      const to = map.toPos(b)
      if (to <= from) continue
      decos.push(
        Decoration.inline(
          from,
          to,
          {
            nodeName: 'span',
            class: cls,
            'data-span-id': String(s.id),
            'data-label': s.label,
            style: `--c: ${color}`,
            ...(extra?.title ? { title: extra.title } : {}),
          },
          { spanId: s.id },
        ),
      )
    }
    decos.push(Decoration.widget(map.toPos(s.end), labelWidget(s.label, color, s.id), { side: 1, ignoreSelection: true, key: `tag-${s.id}-${s.label}` }))
  }
  return DecorationSet.create(view.state.doc, decos)
}

/** Replaces the painted spans in one transaction (the document itself never changes). */
export function paintSpans(view: EditorView, map: PositionMap, paint: EditorPaint): void {
  view.dispatch(view.state.tr.setMeta(key, buildDecorations(view, map, paint)))
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
