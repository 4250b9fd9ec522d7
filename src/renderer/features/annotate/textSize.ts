import { useCallback, useState } from 'react'

/** Text sizes the control steps through, in px; 17 is the default. */
export const TEXT_SIZES = [14, 15, 17, 19, 21, 24] as const
export const DEFAULT_TEXT_SIZE = 17
const KEY = 'spanwright:textSize'

function read(): number {
  try {
    const v = Number(localStorage.getItem(KEY))
    return (TEXT_SIZES as readonly number[]).includes(v) ? v : DEFAULT_TEXT_SIZE
  } catch {
    return DEFAULT_TEXT_SIZE
  }
}

/** The next size one step up (1) or down (-1), or the default (0); stays at the ends. */
export function stepTextSize(size: number, step: 1 | -1 | 0): number {
  if (step === 0) return DEFAULT_TEXT_SIZE
  const i = TEXT_SIZES.findIndex((s) => s >= size)
  const at = i < 0 ? TEXT_SIZES.length - 1 : i
  return TEXT_SIZES[Math.min(TEXT_SIZES.length - 1, Math.max(0, at + step))]
}

/** The article's text size, remembered across sessions (localStorage). */
export function useTextSize() {
  const [size, setSize] = useState(read)
  const step = useCallback((s: 1 | -1 | 0) => {
    setSize((old) => {
      const next = stepTextSize(old, s)
      try {
        localStorage.setItem(KEY, String(next))
      } catch {
        // applied now, not remembered
      }
      return next
    })
  }, [])
  return { size, step }
}
