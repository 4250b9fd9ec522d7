// The annotator of this origin's last start, kept so the next start on a document's link can ask for the layer at
// once, beside app.info, instead of after it (issue 12 §2). A guess only: the boot script still reads the session's
// annotator, and a layer asked for another name is not used (api/prefetch takes a read only for the same arguments).
const KEY = 'spanwright:last-annotator'

export function lastAnnotator(): string | null {
  try {
    return localStorage.getItem(KEY)
  } catch {
    return null // storage disabled: no guess, the layer waits for app.info
  }
}

export function rememberAnnotator(name: string | null): void {
  try {
    if (name && localStorage.getItem(KEY) !== name) localStorage.setItem(KEY, name)
  } catch {
    // not kept: the next start waits for app.info, as without it
  }
}
