/**
 * What a terminal line shows escaped besides control characters: the bidi embeddings, overrides and isolates (an id
 * `a\u202egnp.exe` would show as `aexe.png`, Trojan Source's trick) and the line and paragraph separators.
 */
const TERMINAL_TRICKS = '\\u2028\\u2029\\u202a-\\u202e\\u2066-\\u2069'
const ID_ESCAPED = new RegExp(`[\\p{Cc}${TERMINAL_TRICKS}]`, 'gu')
const MESSAGE_ESCAPED = new RegExp(`[^\\P{Cc}\\n\\t]|[${TERMINAL_TRICKS}]`, 'gu')
const escaped = (ch: string) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`

/**
 * An id read from a file or another desktop, for a terminal line: control characters (an ESC sequence would recolour
 * or rewrite the terminal) and bidi overrides shown escaped as \u001b, and a long id cut.
 */
export function printable(id: string): string {
  const shown = id.replace(ID_ESCAPED, escaped)
  return shown.length > 200 ? `${shown.slice(0, 200)}…` : shown
}

/**
 * A message for the terminal: every control character but line feed and tab, and every bidi override, escaped as
 * \u001b, so a path, option or id named in it (a typed argument, an id from an imported file) cannot recolour,
 * rewrite or reorder the terminal.
 */
export function printableMessage(text: string): string {
  return text.replace(MESSAGE_ESCAPED, escaped)
}
