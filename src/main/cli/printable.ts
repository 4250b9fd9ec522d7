/**
 * An id read from a file or another desktop, for a terminal line: control characters (an ESC sequence would recolour
 * or rewrite the terminal) shown escaped as \u001b, and a long id cut.
 */
export function printable(id: string): string {
  const shown = id.replace(/\p{Cc}/gu, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`)
  return shown.length > 200 ? `${shown.slice(0, 200)}…` : shown
}
