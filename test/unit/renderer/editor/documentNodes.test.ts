import { describe, expect, it } from 'vitest'
import { articleSchema, textToDoc } from '../../../../src/renderer/editor/documentNodes'

describe('the article document (plain ProseMirror, no editor framework)', () => {
  it('is one paragraph per line, blank lines included, and reads back as the text', () => {
    const text = 'Title\n\nKerry met Michel.\r\nשלום עולם\n'
    const doc = textToDoc(text)
    doc.check()
    expect(doc.childCount).toBe(5)
    expect(doc.child(1).content.size).toBe(0)
    expect(doc.child(3).textContent).toBe('שלום עולם')
    expect(doc.textBetween(0, doc.content.size, '\n')).toBe(text.replace('\r\n', '\n'))
  })

  it('renders a line as <p dir=auto>, a blank one with its own class, and allows no marks', () => {
    const doc = textToDoc('a\n\nb')
    const toDOM = articleSchema.nodes.paragraph.spec.toDOM!
    expect(toDOM(doc.child(0))).toEqual(['p', { dir: 'auto' }, 0])
    expect(toDOM(doc.child(1))).toEqual(['p', { dir: 'auto', class: 'sw-blank' }, 0])
    expect(Object.keys(articleSchema.marks)).toEqual([])
    expect(articleSchema.topNodeType.name).toBe('doc')
  })

  it('an empty text is a document with one empty line', () => {
    const doc = textToDoc('')
    doc.check()
    expect(doc.childCount).toBe(1)
    expect(doc.textContent).toBe('')
  })
})
