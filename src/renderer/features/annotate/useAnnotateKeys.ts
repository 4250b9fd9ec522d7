import { useEffect, useRef } from 'react'
import type { Span } from '../../../shared/domain/model'
import type { EditorHandle } from '../../editor/editorTypes'
import { commandFor } from './keyCommands'
import type { Command, KeyContext } from './keyCommands'
import type { RelationFlow } from './relationFlow'
import { cycleCandidate } from './relationFlow'
import { adjacentSpan } from './spanNavigation'
import { extendByToken } from './tokenSteps'

function isTyping(e: KeyboardEvent): boolean {
  const t = e.target as HTMLElement | null
  return !!t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT' || t.isContentEditable)
}

/** What the keys act on: the screen's state and its actions (read fresh on every key). */
export interface KeyTargets {
  ctx: KeyContext
  /** Another dialog (label all matches) holds the keys. */
  suspended: boolean
  text: string
  shown: Span[]
  selectedId: number | null
  selectedRelationId: number | null
  flow: RelationFlow | null
  handle: EditorHandle | null
  select: (id: number | null) => void
  setFlow: (f: RelationFlow | null) => void
  setHelpOpen: (open: boolean) => void
  setSearchOpen: (open: boolean) => void
  flash: (kind: 'error' | 'info', text: string) => void
  label: (name: string) => void
  step: (direction: 'undo' | 'redo') => void
  finishAndNext: () => void
  deleteSpan: (id: number) => void
  deleteRelation: (id: number) => void
  chooseType: (headId: number, tailId: number) => void
  createRelation: (headId: number, tailId: number, index: number) => void
  toggleSnapping: () => void
  textSize: (step: 1 | -1 | 0) => void
  /** The document's suggestions (features/recommend); each answers false when it did nothing (no suggestion there). */
  suggestions?: {
    step: (dir: 1 | -1) => boolean
    accept: (label?: string) => boolean
    reject: () => boolean
  }
}

/** Runs one command; false when it did nothing (the key then keeps its default). */
function run(cmd: Command, t: KeyTargets): boolean {
  const flow = t.flow
  switch (cmd.type) {
    case 'undo':
    case 'redo':
      t.step(cmd.type)
      return true
    case 'finish-next':
      t.finishAndNext()
      return true
    case 'help':
      t.setHelpOpen(cmd.open)
      return true
    case 'cancel-relation':
      t.setFlow(null)
      t.flash('info', 'Relation cancelled.')
      return true
    case 'tail-step':
      if (flow?.phase === 'tail') t.setFlow({ ...flow, candidateId: cycleCandidate(t.shown, flow.headId, flow.candidateId, cmd.dir) })
      return true
    case 'tail-confirm':
      if (flow?.phase === 'tail' && flow.candidateId !== null) t.chooseType(flow.headId, flow.candidateId)
      return true
    case 'type-pick':
      if (flow?.phase === 'type') t.createRelation(flow.headId, flow.tailId, cmd.index)
      return true
    case 'type-step':
      if (flow?.phase === 'type') t.setFlow({ ...flow, active: (flow.active + cmd.dir + flow.options.length) % flow.options.length })
      return true
    case 'type-confirm':
      if (flow?.phase === 'type') t.createRelation(flow.headId, flow.tailId, flow.active)
      return true
    case 'delete-relation':
      if (t.selectedRelationId !== null) t.deleteRelation(t.selectedRelationId)
      return true
    case 'delete-span':
      if (t.selectedId !== null) t.deleteSpan(t.selectedId)
      return true
    case 'close-search':
      t.setSearchOpen(false)
      return false
    case 'deselect':
      t.select(null)
      window.getSelection()?.removeAllRanges()
      return false
    case 'open-search':
      t.setSearchOpen(true)
      return true
    case 'start-relation': {
      if (t.selectedId === null) return false
      if (t.selectedId < 0) t.flash('info', 'That span is still being saved; start the relation once it is.')
      else {
        const candidate = cycleCandidate(t.shown, t.selectedId, null, 1)
        if (candidate === null) t.flash('info', 'Add another span first: a relation joins two spans.')
        else t.setFlow({ phase: 'tail', headId: t.selectedId, candidateId: candidate })
      }
      return true
    }
    case 'move-span': {
      const next = adjacentSpan(t.shown, t.selectedId, cmd.dir)
      if (!next) return false
      t.select(next.id)
      t.handle?.scrollToOffset(next.start)
      return true
    }
    case 'extend': {
      const h = t.handle
      if (!h) return false
      let selected = t.selectedId !== null ? t.shown.find((s) => s.id === t.selectedId) : undefined
      const caret = h.caretOffset()
      // A caret put down away from the selected span (a click in other text) is where the user is now.
      if (selected && caret !== null && (caret < selected.start || caret > selected.end)) selected = undefined
      const from = h.selectionOffsets() ?? (selected ? { start: selected.start, end: selected.end } : caret !== null ? { start: caret, end: caret } : null)
      if (!from) {
        t.flash('info', 'Click in the text or select a span first; Shift+arrows then select token by token.')
        return true
      }
      const next = extendByToken(t.text, from, cmd.dir)
      // The selection now stands for new text: a label key labels it, not the span it started from.
      if (t.selectedId !== null) t.select(null)
      if (next.end > next.start) h.selectRange(next.start, next.end)
      return true
    }
    case 'label':
      t.label(cmd.label)
      return true
    case 'toggle-snapping':
      t.toggleSnapping()
      return true
    case 'text-size':
      t.textSize(cmd.step)
      return true
    case 'suggestion-step':
      return t.suggestions?.step(cmd.dir) ?? false
    case 'suggestion-accept':
      return t.suggestions?.accept(cmd.label) ?? false
    case 'suggestion-reject':
      return t.suggestions?.reject() ?? false
  }
}

/** The screen's keyboard: each key press goes through the key → command table, then runs here. */
export function useAnnotateKeys(targets: KeyTargets): void {
  const latest = useRef(targets)
  latest.current = targets
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const t = latest.current
      if (isTyping(e) || t.suspended) return
      const cmd = commandFor({ key: e.key, ctrl: e.ctrlKey, meta: e.metaKey, alt: e.altKey, shift: e.shiftKey }, t.ctx)
      if (cmd && run(cmd, t)) e.preventDefault()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])
}
