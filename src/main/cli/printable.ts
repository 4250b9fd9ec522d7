/**
 * An id read from a file or another desktop, for a terminal line: control characters (an ESC sequence would recolour
 * or rewrite the terminal) shown escaped as \u001b, and a long id cut.
 */
export function printable(id: string): string {
  const shown = id.replace(/\p{Cc}/gu, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`)
  return shown.length > 200 ? `${shown.slice(0, 200)}…` : shown
}

/**
 * A message for the terminal: every control character but line feed and tab escaped as \u001b, so a path, option or
 * id named in it (a typed argument, an id from an imported file) cannot recolour or rewrite the terminal.
 */
export function printableMessage(text: string): string {
  return text.replace(/[^\P{Cc}\n\t]/gu, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`)
}
