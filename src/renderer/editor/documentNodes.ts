import { Schema } from '@tiptap/pm/model'
import type { Node as PMNode } from '@tiptap/pm/model'
import { splitTextLines } from './positionMap'

/**
 * The document view's schema: a doc of paragraphs of plain text, one paragraph
 * per line of the source. Marks and rich text are deliberately absent: the text
 * is immutable and annotations are decorations over it. Plain ProseMirror (no
 * TipTap): a read-only view needs none of an editor framework's commands,
 * keymaps or extension machinery, and leaving them out halves the editor's code.
 */
export const articleSchema = new Schema({
  nodes: {
    doc: { content: 'paragraph*' },
    paragraph: {
      group: 'block',
      content: 'text*',
      parseDOM: [{ tag: 'p' }],
      // dir=auto lets each line take its own direction (a Hebrew line renders right to left).
      // A blank line gets a class so it can be shorter than a line of text.
      toDOM: (node) => ['p', node.content.size ? { dir: 'auto' } : { dir: 'auto', class: 'sw-blank' }, 0],
    },
    text: { group: 'inline' },
  },
})

/** The article's document: one paragraph per line (built directly, not through JSON). */
export function textToDoc(text: string): PMNode {
  const { paragraph } = articleSchema.nodes
  return articleSchema.topNodeType.create(
    null,
    splitTextLines(text).map((l) => {
      const line = text.slice(l.start, l.start + l.length)
      return line ? paragraph.create(null, articleSchema.text(line)) : paragraph.create()
    }),
  )
}
