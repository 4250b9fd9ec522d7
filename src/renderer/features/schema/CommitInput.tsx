import { useEffect, useState } from 'react'
import type { InputHTMLAttributes } from 'react'

type Props = Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange'> & {
  value: string
  /** Resolves when saved; rejects (and the field reverts) when the server refuses. */
  onCommit: (value: string) => Promise<void>
}

/**
 * A text field that saves on Enter or when it loses focus, and reverts on
 * Escape or a refused save, so a half-typed name never reaches the store.
 */
export function CommitInput({ value, onCommit, ...rest }: Props) {
  const [draft, setDraft] = useState(value)
  useEffect(() => setDraft(value), [value])
  const commit = () => {
    if (draft === value) return
    onCommit(draft).catch(() => setDraft(value))
  }
  return (
    <input
      {...rest}
      value={draft}
      onChange={(e) => setDraft(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => {
        if (e.key === 'Enter') {
          e.preventDefault()
          commit()
        } else if (e.key === 'Escape') {
          setDraft(value)
          e.currentTarget.blur()
        }
      }}
    />
  )
}
