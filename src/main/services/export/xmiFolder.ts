import { fragmentsAsSpans } from '../../../shared/formats/fragmentSpans'
import { layerToXmi, XML_UNWRITABLE } from '../../../shared/formats/xmi/casWriter'
import type { FolderPartContext } from './documentFolders'
import { layerFilePlaces, writeFile } from './documentFolders'
import type { LayerRef } from './exportLayers'
import { readLayers } from './exportLayers'

/** What a DKPro NamedEntity and an INCEpTION custom relation cannot carry. */
export const XMI_LOSSY = 'UIMA CAS XMI keeps the text, spans as DKPro NamedEntity (value = label) and relations as webanno.custom.Relation; span attributes, notes and normalizations are not written'

/**
 * UIMA CAS XMI as DKPro Core and INCEpTION read it: a file holds one CAS, so
 * the export is a folder with a `<document>.xmi` per layer (named by
 * documentFileNames, as the WebAnno TSV export's files are; DocumentMetaData's
 * documentId keeps the exact id), and a folder per annotator when the export
 * has several. Returns the number of files written.
 */
export async function writeXmiFolder(dir: string, refs: LayerRef[], ctx: FolderPartContext): Promise<number> {
  const { relOf } = layerFilePlaces(refs)
  let n = 0
  let lossy = false
  let unwritable = 0
  const layers = (function* () {
    for (const layer of readLayers(ctx.store, refs, ctx.opts, ctx.each)) {
      ctx.count(layer)
      yield layer
    }
  })()
  // A NamedEntity has one begin and end: a discontinuous span is written as its fragments, a NamedEntity each (a
  // relation to it goes to the first), and counted, as every export without fragments does.
  for (const layer of fragmentsAsSpans(layers, { unit: 'utf16', warn: ctx.warn }, 'xmi')) {
    if (layer.spans.some((s) => Object.keys(s.attributes).length || s.note || s.norm)) lossy = true
    if ([layer.text, layer.title, layer.externalId].some((s) => XML_UNWRITABLE.test(s))) unwritable++
    writeFile(dir, relOf(layer.externalId, layer.annotator), '.xmi', layerToXmi(layer))
    if (++n % 200 === 0) await ctx.pause()
  }
  if (lossy) ctx.warn(XMI_LOSSY)
  if (unwritable) ctx.warn(`${unwritable} document${unwritable === 1 ? '' : 's'} hold characters no XML can (NUL, U+FFFE, U+FFFF): written as U+FFFD, offsets unchanged`)
  return n
}
