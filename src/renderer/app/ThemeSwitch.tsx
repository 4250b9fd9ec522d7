import { useEffect, useState } from 'react'

/** The theme the user chose with the switch; absent: follow the system (prefers-color-scheme). */
const KEY = 'spanwright:theme'
type Theme = 'light' | 'dark'

function stored(): Theme | null {
  try {
    const v = localStorage.getItem(KEY)
    return v === 'light' || v === 'dark' ? v : null
  } catch {
    return null // storage can be disabled; the system's choice still applies
  }
}

const systemDark = () => typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches

/** Sets <html data-theme>, which app.css's dark variables key on. */
function apply(theme: Theme): void {
  document.documentElement.dataset.theme = theme
}

/** Called before the first render, so the page never flashes the other theme. */
export function applyInitialTheme(): void {
  apply(stored() ?? (systemDark() ? 'dark' : 'light'))
}

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
