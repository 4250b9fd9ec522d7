import fs from 'node:fs'
import path from 'node:path'
import { documentFileNames } from '../../../shared/formats/fileNames'
import { encodeWebannoLayers, webannoTsvCodec } from '../../../shared/formats/webanno/webannoTsvCodec'
import type { FolderPartContext } from './documentFolders'
import type { LayerRef } from './exportLayers'
import { readLayers } from './exportLayers'
import { makeFolder } from '../../store/makeFolder'

/**
 * WebAnno TSV 3.3: a file holds one document, so the export is a folder with a
 * `<document>.tsv` per layer (named by documentFileNames, as brat's files are),
 * and a folder per annotator when the export has several (the format has no
 * annotator). Re-importing the folder reads each file's name as its id.
 * Returns the number of files written.
 */
export async function writeWebannoTsvFolder(dir: string, refs: LayerRef[], ctx: FolderPartContext): Promise<number> {
  const annotators = [...new Set(refs.map((r) => r.annotator))]
  const perAnnotator = annotators.length > 1
  const annotatorDirs = documentFileNames(annotators)
  const names = documentFileNames(refs.map((r) => r.externalId))
  let n = 0
  const layers = (function* () {
    for (const layer of readLayers(ctx.store, refs, ctx.opts, ctx.each)) {
      ctx.count(layer)
      yield layer
    }
  })()
  for (const { layer, content } of encodeWebannoLayers(layers, { warn: ctx.warn })) {
    const rel = (perAnnotator ? `${annotatorDirs.get(layer.annotator)}/` : '') + names.get(layer.externalId)!
    const file = path.join(dir, ...rel.split('/')) + '.tsv'
    makeFolder(path.dirname(file))
    // 'wx': a name the naming promised to be free is never written twice.
    fs.writeFileSync(file, content, { flag: 'wx' })
    if (++n % 200 === 0) await ctx.pause()
  }
  if (n && webannoTsvCodec.lossy) ctx.warn(webannoTsvCodec.lossy)
  return n
}
