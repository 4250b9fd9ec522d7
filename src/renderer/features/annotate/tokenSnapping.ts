import { useCallback, useState } from 'react'
import { snapSelection } from './snapSelection'

const STORAGE_KEY = 'spanwright.tokenSnapping'

function readSetting(): boolean {
  try {
    return window.localStorage.getItem(STORAGE_KEY) !== 'off'
  } catch {
    return true // storage unavailable: the default
  }
}

/**
 * Token snapping: on by default, remembered across sessions in localStorage.
 * `snap` grows a selection to whole tokens of the shared tokenizer (the one
 * export and agreement use).
 */
export function useTokenSnapping(text: string | null) {
  const [enabled, setEnabled] = useState(readSetting)

  const setSnapping = useCallback((on: boolean) => {
    setEnabled(on)
    try {
      window.localStorage.setItem(STORAGE_KEY, on ? 'on' : 'off')
    } catch {
      // Not remembered, but still applied for this session.
    }
  }, [])

  const snap = useCallback(
    (sel: { start: number; end: number }): { start: number; end: number } => {
      return enabled && text !== null ? snapSelection(text, sel.start, sel.end) : sel
    },
    [enabled, text],
  )

  return { snapping: enabled, setSnapping, snap }
}
