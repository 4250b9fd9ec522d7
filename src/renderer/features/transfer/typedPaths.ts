/**
 * The paths typed or pasted into the import dialog, one a line: trimmed, without the quotes Windows Explorer's
 * "Copy as path" or a shell puts around a whole path, and a `file://` URI (a file manager's copied file) as its
 * path. Anything else is sent as it is, for the server to name if it is not there.
 */
export function typedPaths(text: string): string[] {
  return text
    .split(/\r\n|\n|\r/)
    .map((line) => unquote(line.trim()))
    .map(fromFileUri)
    .filter(Boolean)
}

function unquote(p: string): string {
  const q = p[0]
  return p.length >= 2 && (q === '"' || q === "'") && p.endsWith(q) ? p.slice(1, -1).trim() : p
}

function fromFileUri(p: string): string {
  const m = /^file:\/\/(localhost)?(\/.*)$/iu.exec(p)
  if (!m) return p
  try {
    return decodeURIComponent(m[2])
  } catch {
    return p // a broken escape (a name with a bare %): left as typed
  }
}
