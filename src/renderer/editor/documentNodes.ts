import { mergeAttributes, Node } from '@tiptap/core'
import type { JSONContent } from '@tiptap/core'
import { splitTextLines } from './positionMap'

/**
 * The document view's schema: a doc of paragraphs of plain text, one paragraph
 * per line of the source. Marks and rich text are deliberately absent: the text
 * is immutable and annotations are decorations over it.
 */
export const ArticleDoc = Node.create({ name: 'doc', topNode: true, content: 'paragraph*' })

export const ArticleParagraph = Node.create({
  name: 'paragraph',
  group: 'block',
  content: 'text*',
  parseHTML: () => [{ tag: 'p' }],
  // dir=auto lets each line take its own direction (a Hebrew line renders right to left).
  // A blank line gets a class so it can be shorter than a line of text. `--chars` sizes a line the browser
  // has not laid out yet (content-visibility in app.css) close to its real height.
  renderHTML: ({ node, HTMLAttributes }) =>
    ['p', mergeAttributes(HTMLAttributes, node.content.size ? { dir: 'auto', style: `--chars:${node.content.size}` } : { dir: 'auto', class: 'sw-blank' }), 0],
})

export const ArticleText = Node.create({ name: 'text', group: 'inline' })

export function textToDoc(text: string): JSONContent {
  return {
    type: 'doc',
    content: splitTextLines(text).map((l) => {
      const line = text.slice(l.start, l.start + l.length)
      return line ? { type: 'paragraph', content: [{ type: 'text', text: line }] } : { type: 'paragraph' }
    }),
  }
}
