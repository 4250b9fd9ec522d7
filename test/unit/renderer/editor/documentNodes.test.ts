// The document view's schema (TipTap nodes): one <p dir=auto> per line of the text, a blank line with its own
// class, and `--chars` (the line's length in UTF-16 units) on a line with text, which sizes a line the browser has
// not laid out yet (content-visibility in app.css).
import { getSchema } from '@tiptap/core'
import { describe, expect, it } from 'vitest'
import { ARTICLE_NODES, textToDoc } from '../../../../src/renderer/editor/documentNodes'

const schema = getSchema(ARTICLE_NODES)
const lines = (text: string) => schema.nodeFromJSON(textToDoc(text))

describe('the article document', () => {
  it('renders each line as <p dir=auto> with its length as --chars, a blank line as sw-blank without it', () => {
    const doc = lines('Kerry met Michel.\n\nשלום 😀')
    const toDOM = schema.nodes.paragraph.spec.toDOM!
    expect(doc.childCount).toBe(3)
    expect(toDOM(doc.child(0))).toEqual(['p', { dir: 'auto', style: '--chars:17' }, 0])
    expect(toDOM(doc.child(1))).toEqual(['p', { dir: 'auto', class: 'sw-blank' }, 0])
    // UTF-16 units, as the text's offsets: four Hebrew letters, a space and a surrogate pair.
    expect(toDOM(doc.child(2))).toEqual(['p', { dir: 'auto', style: '--chars:7' }, 0])
  })

  it('keeps the text whole and allows no marks', () => {
    const text = 'a\n\nb c\n'
    const doc = lines(text)
    expect(doc.textBetween(0, doc.content.size, '\n', '\n')).toBe('a\n\nb c\n')
    expect(Object.keys(schema.marks)).toEqual([])
  })
})
