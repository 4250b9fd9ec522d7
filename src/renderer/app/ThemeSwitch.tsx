import { useEffect, useState } from 'react'
import { applyTheme as apply, storedTheme as stored, systemDark, THEME_KEY as KEY } from './theme'
import type { Theme } from './theme'

export { applyInitialTheme } from './theme'

/**
 * The light/dark switch in the top bar. Until it is used the theme follows the
 * system's and changes with it; once used, the choice is kept (localStorage).
 */
export function ThemeSwitch() {
  const [theme, setTheme] = useState<Theme>(() => stored() ?? (systemDark() ? 'dark' : 'light'))
  useEffect(() => apply(theme), [theme])
  useEffect(() => {
    if (typeof matchMedia !== 'function') return
    const q = matchMedia('(prefers-color-scheme: dark)')
    const follow = () => {
      if (!stored()) setTheme(q.matches ? 'dark' : 'light')
    }
    q.addEventListener('change', follow)
    return () => q.removeEventListener('change', follow)
  }, [])
  const dark = theme === 'dark'
  return (
    <button
      type="button"
      role="switch"
      aria-checked={dark}
      aria-label="Dark theme"
      className="theme-switch"
      title={dark ? 'Switch to the light theme' : 'Switch to the dark theme'}
      onClick={() => {
        const next: Theme = dark ? 'light' : 'dark'
        try {
          localStorage.setItem(KEY, next)
        } catch {
          // not kept across reloads then; the switch still works now
        }
        setTheme(next)
      }}
    >
      <span aria-hidden>{dark ? '☾' : '☀'}</span>
    </button>
  )
}
