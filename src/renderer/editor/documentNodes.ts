import { mergeAttributes, Node } from '@tiptap/core'
import type { JSONContent } from '@tiptap/core'
import { chunkHeightEstimate, chunkLinesFor } from './chunking'
import { splitTextLines } from './positionMap'

/**
 * The document view's schema: a doc of paragraphs of plain text, one paragraph
 * per line of the source. Marks and rich text are deliberately absent: the text
 * is immutable and annotations are decorations over it.
 */
export const ArticleDoc = Node.create({ name: 'doc', topNode: true, content: '(paragraph | chunk)*' })

/** A run of paragraphs of a text of many lines (chunking.ts): `--est` is its estimated height in lines, for the placeholder. */
export const ArticleChunk = Node.create({
  name: 'chunk',
  content: 'paragraph+',
  parseHTML: () => [{ tag: 'div.sw-chunk' }],
  renderHTML: ({ node }) => {
    const lengths: number[] = []
    node.forEach((p) => lengths.push(p.content.size))
    return ['div', { class: 'sw-chunk', style: `--est:${chunkHeightEstimate(lengths)}` }, 0]
  },
})

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

/** The article's document: one paragraph per line, grouped in chunks of `chunkLines` (default: by the text's size, chunking.ts). */
export function textToDoc(text: string, chunkLines?: number): JSONContent {
  const lines = splitTextLines(text)
  const paragraphs: JSONContent[] = lines.map((l) => {
    const line = text.slice(l.start, l.start + l.length)
    return line ? { type: 'paragraph', content: [{ type: 'text', text: line }] } : { type: 'paragraph' }
  })
  const size = chunkLines ?? chunkLinesFor(lines.length)
  if (!size) return { type: 'doc', content: paragraphs }
  const chunks: JSONContent[] = []
  for (let i = 0; i < paragraphs.length; i += size) chunks.push({ type: 'chunk', content: paragraphs.slice(i, i + size) })
  return { type: 'doc', content: chunks }
}

/** The article's schema nodes, for the editor and for anything that builds its document (tests, benches). */
export const ARTICLE_NODES = [ArticleDoc, ArticleChunk, ArticleParagraph, ArticleText]
