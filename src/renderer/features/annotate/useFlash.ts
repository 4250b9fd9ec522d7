import { useCallback, useState } from 'react'

export type FlashMessage = { kind: 'error' | 'info'; text: string }

/** A short message for the screen's toast: errors stay 6 s, notes 3 s (a newer message is not cleared by an older timer). */
export function useFlash() {
  const [message, setMessage] = useState<FlashMessage | null>(null)
  const flash = useCallback((kind: 'error' | 'info', text: string) => {
    setMessage({ kind, text })
    window.setTimeout(() => setMessage((m) => (m?.text === text ? null : m)), kind === 'error' ? 6000 : 3000)
  }, [])
  return { message, flash }
}
