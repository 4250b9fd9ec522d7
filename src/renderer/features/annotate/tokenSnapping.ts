import { useCallback, useEffect, useState } from 'react'
import { afterFirstPaint } from './afterFirstPaint'
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
  // The tokenizer's ICU segmenter is made on first use (shared/text/tokenizer.ts: a page's first Intl object loads
  // ICU's data, 10-50 ms): made once the document is painted and the page idle, so neither the start nor the first
  // hotkey waits for it.
  const hasText = text !== null
  useEffect(() => (hasText ? afterFirstPaint(() => snapSelection('a', 0, 1)) : undefined), [hasText])

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
