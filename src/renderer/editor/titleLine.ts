/**
 * Whether the article's first line is the document's title, and so reads as a
 * heading: it must equal the title (from the record's `title` or meta) and
 * be followed by more text. A one-paragraph record, as in sentence-level
 * corpora, is all body text even when an importer took its title from it.
 */
export function firstLineIsTitle(text: string, title: string | undefined): boolean {
  if (!title) return false
  const m = /\r\n|\n|\r/.exec(text)
  if (!m) return false
  const first = text.slice(0, m.index).trim()
  return first.length > 0 && first === title.trim() && text.slice(m.index + m[0].length).trim().length > 0
}
