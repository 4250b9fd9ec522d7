import { createRequire } from 'node:module'
import { RecordError } from '../../../shared/formats/importRecord'
import { XMI_NS } from '../../../shared/formats/xmi/casElement'
import type { CasElement } from '../../../shared/formats/xmi/casElement'

/**
 * The feature structures of a UIMA CAS XMI file, in file order. saxes is an
 * evented parser (no tree, no recursion: a deeply nested or huge file cannot
 * overflow the stack), checks well-formedness, resolves namespaces, decodes
 * entities and character references (`&#10;` in a sofaString is a line feed)
 * and reports lines. It expands no DTD entities, so a file cannot blow up.
 *
 * A file that is not well-formed XML, or whose root is not `xmi:XMI`, is
 * refused with a RecordError naming the line.
 */
const MAX_DEPTH = 64

/** saxes, required at the first XMI file read: every API thread that imported it at start paid ~50 ms of CPU (h96). */
let saxes: typeof import('saxes') | null = null
const saxesParser = () => (saxes ??= createRequire(import.meta.url)('saxes') as typeof import('saxes')).SaxesParser

export function parseXmi(xml: string): CasElement[] {
  const SaxesParser = saxesParser()
  const parser = new SaxesParser({ xmlns: true, position: true })
  const elements: CasElement[] = []
  let depth = 0
  let startLine = 1
  let current: CasElement | null = null
  // A child element of a feature structure: a multi-valued string feature's item (`<names>a</names>`).
  let child: { name: string; text: string } | null = null
  parser.on('error', (err) => {
    // saxes prefixes its message with `line:column: `; the line is reported apart.
    throw new RecordError(`not well-formed XML: ${err.message.replace(/^\d+:\d+: /u, '')}`, parser.line)
  })
  parser.on('opentagstart', () => {
    startLine = parser.line
    // saxes looks a prefix up through every open element: deep nesting would cost quadratic time. A CAS nests 3 deep.
    if (depth >= MAX_DEPTH) throw new RecordError(`elements nested deeper than ${MAX_DEPTH} levels (a UIMA CAS XMI nests 3); refused`, startLine)
  })
  parser.on('opentag', (tag) => {
    depth++
    if (depth === 1) {
      if (tag.uri !== XMI_NS || tag.local !== 'XMI') {
        throw new RecordError(`not a UIMA CAS XMI file: the root element is <${tag.name}>${tag.uri ? ` of ${tag.uri}` : ''}, not xmi:XMI of ${XMI_NS}`, startLine)
      }
      return
    }
    if (depth === 2) {
      const features: [string, string][] = []
      let id: string | null = null
      for (const a of Object.values(tag.attributes)) {
        if (a.uri === XMI_NS) {
          if (a.local === 'id') id = a.value
        } else if (a.prefix !== 'xmlns' && a.name !== 'xmlns') features.push([a.local, a.value])
      }
      current = { uri: tag.uri, name: tag.local, line: startLine, id, features }
      elements.push(current)
    } else if (depth === 3) child = { name: tag.local, text: '' }
  })
  const onText = (t: string) => {
    if (child) child.text += t
  }
  parser.on('text', onText)
  parser.on('cdata', onText)
  parser.on('closetag', () => {
    if (depth === 3 && child && current) current.features.push([child.name, child.text])
    if (depth === 3) child = null
    if (depth === 2) current = null
    depth--
  })
  parser.write(xml).close()
  return elements
}
