import { encodeWebannoLayers, webannoTsvCodec } from '../../../shared/formats/webanno/webannoTsvCodec'
import type { FolderPartContext } from './documentFolders'
import { layerFilePlaces, writeFile } from './documentFolders'
import type { LayerRef } from './exportLayers'
import { readLayers } from './exportLayers'

/**
 * WebAnno TSV 3.3: a file holds one document, so the export is a folder with a
 * `<document>.tsv` per layer (named by documentFileNames, as brat's files are),
 * and a folder per annotator when the export has several (the format has no
 * annotator). Re-importing the folder reads each file's name as its id.
 * Returns the number of files written.
 */
export async function writeWebannoTsvFolder(dir: string, refs: LayerRef[], ctx: FolderPartContext): Promise<number> {
  const { relOf } = layerFilePlaces(refs)
  let n = 0
  const layers = (function* () {
    for (const layer of readLayers(ctx.store, refs, ctx.opts, ctx.each)) {
      ctx.count(layer)
      yield layer
    }
  })()
  for (const { layer, content } of encodeWebannoLayers(layers, { warn: ctx.warn, leftOut: ctx.leftOut })) {
    writeFile(dir, relOf(layer.externalId, layer.annotator), '.tsv', content)
    if (++n % 200 === 0) await ctx.pause()
  }
  if (n && webannoTsvCodec.lossy) ctx.warn(webannoTsvCodec.lossy)
  return n
}
