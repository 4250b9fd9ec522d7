// The theme as plain functions (no React): the boot script sets it before the app's script has loaded.

/** The theme the user chose with the switch; absent: follow the system (prefers-color-scheme). */
export const THEME_KEY = 'spanwright:theme'
export type Theme = 'light' | 'dark'

export function storedTheme(): Theme | null {
  try {
    const v = localStorage.getItem(THEME_KEY)
    return v === 'light' || v === 'dark' ? v : null
  } catch {
    return null // storage can be disabled; the system's choice still applies
  }
}

export const systemDark = () => typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches

/** Sets <html data-theme>, which app.css's dark variables key on. */
export function applyTheme(theme: Theme): void {
  document.documentElement.dataset.theme = theme
}

/**
 * Before the first render, so the page never flashes the other theme. The boot script calls it while the page is
 * still being parsed: a page's first use of its storage waits on the browser (1-10 ms measured), and then it waits
 * there, while the app's scripts are still loading, rather than in the app's first script. The app calls it again
 * (a page without the boot script); the second read is quick.
 */
export function applyInitialTheme(): void {
  applyTheme(storedTheme() ?? (systemDark() ? 'dark' : 'light'))
}
