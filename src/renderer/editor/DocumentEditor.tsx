import { EditorContent, useEditor } from '@tiptap/react'
import { useEffect, useMemo, useRef } from 'react'
import { ArticleDoc, ArticleParagraph, ArticleText, textToDoc } from './documentNodes'
import type { DocumentEditorProps } from './editorTypes'
import { PositionMap } from './positionMap'
import { selectionOffsets } from './selectionOffsets'
import { paintSpans, SpanDecorations } from './spanDecorations'

/**
 * The read-only article view: a TipTap editor over the immutable text, with the
 * layer's spans painted as decorations. Signals readiness (data attribute and a
 * performance mark) once the spans are painted.
 */
export function DocumentEditor(props: DocumentEditorProps) {
  const map = useMemo(() => new PositionMap(props.text), [props.text])
  const rootRef = useRef<HTMLDivElement>(null)
  const readyRef = useRef(false)
  const editor = useEditor(
    {
      editable: false,
      injectCSS: false,
      shouldRerenderOnTransaction: false,
      extensions: [ArticleDoc, ArticleParagraph, ArticleText, SpanDecorations],
      content: textToDoc(props.text),
      editorProps: { attributes: { class: 'article', 'aria-label': 'Document text', spellcheck: 'false' } },
    },
    [props.text],
  )

  useEffect(() => {
    if (!editor || editor.isDestroyed) return
    paintSpans(editor.view, map, props.paint)
    if (!readyRef.current) {
      readyRef.current = true
      rootRef.current?.setAttribute('data-document-ready', 'true')
      performance.mark('spanwright:document-ready')
      const view = editor.view
      props.onReady?.({
        selectionOffsets: () => selectionOffsets(view, map, props.text),
        scrollToOffset: (offset) => {
          const { node } = view.domAtPos(map.toPos(offset))
          ;(node instanceof Element ? node : node.parentElement)?.scrollIntoView({ block: 'center' })
        },
      })
    }
  }, [editor, map, props.paint])

  return (
    <div
      ref={rootRef}
      className="document-root"
      data-document-ready="false"
      onMouseUp={(e) => {
        const sel = window.getSelection()
        if (sel && !sel.isCollapsed) return
        const hit = (e.target as HTMLElement).closest<HTMLElement>('[data-span-id]')
        const tag = (e.target as HTMLElement).closest<HTMLElement>('[data-tag-for]')
        const id = hit?.dataset.spanId ?? tag?.dataset.tagFor
        if (id) props.onSpanClick?.(Number(id), e.nativeEvent)
      }}
    >
      <EditorContent editor={editor} />
    </div>
  )
}
