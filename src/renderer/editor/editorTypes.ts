import type { Relation, Span } from '../../shared/domain/model'

/**
 * The contract between the document view (editor/) and the screens that use
 * it (features/annotate, features/review). The view owns layout and painting;
 * the screens own data and actions.
 */
export interface EditorPaint {
  spans: Span[]
  relations: Relation[]
  /** Label name -> #rrggbb. */
  colors: Record<string, string>
  selectedSpanId: number | null
  selectedRelationId: number | null
  /** Spans to emphasise (both ends of a selected relation, a pending relation's head). */
  highlightSpanIds?: number[]
  /** Extra class and tooltip per span id (the review view marks agreed/differing items); `tag` replaces the tag's text (default: the label). */
  decorate?: Record<number, { className?: string; title?: string; tag?: string }>
  /** In-document search hits in article offsets, and the one to emphasise. */
  searchHits?: { start: number; end: number }[]
  activeSearchHit?: number | null
  /** Recommenders' suggestions in text order, overlapping neither each other nor spans: drawn unlike spans (dashed, paler). */
  suggestions?: PaintedSuggestion[]
  /** Index into `suggestions` of the one the keys act on. */
  focusedSuggestion?: number | null
}

/** A suggestion as painted: where, which label, and who proposed it how surely (shown on hover). */
export interface PaintedSuggestion {
  start: number
  end: number
  label: string
  recommender: string
  score: number
}

export interface EditorHandle {
  /** The browser selection in article offsets (UTF-16), whitespace-trimmed; null when none. */
  selectionOffsets(): { start: number; end: number } | null
  /** Brings an article offset into view. */
  scrollToOffset(offset: number): void
  /** Where the caret (the selection's focus) is in the article, as an offset; null when the selection is elsewhere. */
  caretOffset(): number | null
  /** Selects [start, end) of the article, as if dragged, and brings it into view. */
  selectRange(start: number, end: number): void
}

export interface DocumentEditorProps {
  text: string
  /** The document's title: when the first line is it (and more text follows), that line shows as a heading (see titleLine.ts). */
  title?: string
  paint: EditorPaint
  onReady?: (h: EditorHandle) => void
  onSpanClick?: (id: number, e: MouseEvent) => void
  onRelationClick?: (id: number) => void
  /** A drag from one span onto another (relation creation by mouse). */
  onSpanDragOnto?: (headId: number, tailId: number) => void
  /** A click on a suggestion (its text or its tag): its index in paint.suggestions. */
  onSuggestionClick?: (index: number) => void
  /** The decorated window moved (or was repainted): article offsets [from, to). Screens that fetch per screen listen. */
  onWindowChange?: (from: number, to: number) => void
}
