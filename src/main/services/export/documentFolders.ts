import fs from 'node:fs'
import path from 'node:path'
import { BratConfCollector, undeclaredInBrat, writeAnnotationConf, writeVisualConf } from '../../../shared/formats/brat/bratConf'
import { encodeBratDocument } from '../../../shared/formats/brat/encodeBratDocument'
import { formatManifest, MANIFEST_FILE } from '../../../shared/formats/exportManifest'
import type { ManifestEntry } from '../../../shared/formats/exportManifest'
import { documentFileNames } from '../../../shared/formats/fileNames'
import type { ExportLayer } from '../../../shared/formats/formatCodec'
import type { Store } from '../../store/store'
import type { LayerFilter, LayerRef } from './exportLayers'
import { readLayers } from './exportLayers'
import { makeFolder } from '../../store/makeFolder'

/**
 * The folder formats (brat, txt): a file (or .txt + .ann pair) per document,
 * named by documentFileNames (one name per id, within file-system limits),
 * with a manifest of the exact ids, so a re-import restores them. brat adds
 * `annotation.conf` and `visual.conf`, so brat opens the folder as it is.
 */

export interface FolderPartContext {
  store: Store
  opts: LayerFilter
  /** Runs for every layer read (cancel checks, progress). */
  each: () => void
  /** Counts an exported layer into the report. */
  count: (layer: ExportLayer) => void
  warn: (message: string) => void
  /** Counts spans or relations the format could not write (EncodeContext.leftOut). */
  leftOut: (kind: 'span' | 'relation', n: number) => void
  /** Throws when the export was cancelled (between bare documents, which no layer read checks). */
  checkCancel: () => void
  /** Lets the event loop breathe now and then. */
  pause: () => Promise<void>
}

/** A document with no layer in the export (exported as text with an empty `.ann`). */
export interface BareDocument {
  id: number
  externalId: string
}

const yieldEvery = 200

/** Writes `<dir>/<rel><ext>`, making its folders. */
export function writeFile(dir: string, rel: string, ext: string, content: string): void {
  const file = path.join(dir, ...rel.split('/')) + ext
  makeFolder(path.dirname(file))
  // 'wx': a name the naming promised to be free is never written twice.
  fs.writeFileSync(file, content, { flag: 'wx' })
}

/**
 * Where each layer's file goes in a folder export, below the folder and without extension: the document's name
 * (documentFileNames, one per id; `extraIds` are documents without a layer that need names too), under the
 * annotator's own folder when the export holds several annotators' layers (the folder formats keep no annotator).
 */
export function layerFilePlaces(refs: LayerRef[], extraIds: string[] = []): { perAnnotator: boolean; annotators: string[]; relOf: (externalId: string, annotator: string) => string } {
  const annotators = [...new Set(refs.map((r) => r.annotator))]
  const perAnnotator = annotators.length > 1
  const annotatorDirs = documentFileNames(annotators)
  const names = documentFileNames([...refs.map((r) => r.externalId), ...extraIds])
  return { perAnnotator, annotators, relOf: (externalId, annotator) => (perAnnotator ? `${annotatorDirs.get(annotator)}/` : '') + names.get(externalId)! }
}

/**
 * One brat folder: a .txt + .ann per layer (with several annotators, a
 * subfolder per annotator), an empty .ann for each bare document (in each
 * annotator's folder), the confs and the manifest. Returns the number of
 * documents (pairs) written.
 */
export async function writeBratFolder(dir: string, refs: LayerRef[], bare: BareDocument[], ctx: FolderPartContext): Promise<number> {
  const { perAnnotator, annotators: annotatorNames, relOf } = layerFilePlaces(refs, bare.map((d) => d.externalId))
  const manifest: ManifestEntry[] = []
  const conf = new BratConfCollector()
  let n = 0
  const write = async (externalId: string, annotator: string | null, txt: string, ann: string) => {
    const rel = relOf(externalId, annotator ?? '')
    writeFile(dir, rel, '.txt', txt)
    writeFile(dir, rel, '.ann', ann)
    manifest.push({ file: rel, id: externalId, annotator: perAnnotator ? annotator : null })
    if (++n % yieldEvery === 0) await ctx.pause()
  }
  for (const layer of readLayers(ctx.store, refs, ctx.opts, ctx.each)) {
    const { txt, ann } = encodeBratDocument(layer, ctx.warn)
    conf.observe(layer)
    ctx.count(layer)
    await write(layer.externalId, layer.annotator, txt, ann)
  }
  for (const d of bare) {
    ctx.checkCancel()
    const text = ctx.store.documents.byId(d.id)!.text
    for (const annotator of perAnnotator ? annotatorNames : [null]) await write(d.externalId, annotator, text, '')
  }
  const schema = conf.build(ctx.store.labels.list())
  if (schema.undeclared.length) ctx.warn(undeclaredInBrat(schema.undeclared))
  fs.writeFileSync(path.join(dir, 'annotation.conf'), writeAnnotationConf(schema))
  fs.writeFileSync(path.join(dir, 'visual.conf'), writeVisualConf(schema))
  fs.writeFileSync(path.join(dir, MANIFEST_FILE), formatManifest(manifest))
  return n
}

/**
 * One plain-text folder: each document's text once (as the .txt import reads
 * it back), layers' documents first, then the bare ones, and the manifest.
 * Returns the number of files written and the annotations text cannot carry.
 */
export async function writeTextFolder(dir: string, refs: LayerRef[], bare: BareDocument[], ctx: FolderPartContext): Promise<{ files: number; leftOut: number }> {
  const names = documentFileNames([...refs.map((r) => r.externalId), ...bare.map((d) => d.externalId)])
  const written = new Set<string>()
  const manifest: ManifestEntry[] = []
  let leftOut = 0
  const write = async (externalId: string, text: string) => {
    if (written.has(externalId)) return
    written.add(externalId)
    writeFile(dir, names.get(externalId)!, '.txt', text)
    manifest.push({ file: names.get(externalId)!, id: externalId, annotator: null })
    if (written.size % yieldEvery === 0) await ctx.pause()
  }
  for (const layer of readLayers(ctx.store, refs, ctx.opts, ctx.each)) {
    ctx.count(layer)
    leftOut += layer.spans.length + layer.relations.length
    await write(layer.externalId, layer.text)
  }
  for (const d of bare) {
    ctx.checkCancel()
    if (!written.has(d.externalId)) await write(d.externalId, ctx.store.documents.byId(d.id)!.text)
  }
  fs.writeFileSync(path.join(dir, MANIFEST_FILE), formatManifest(manifest))
  return { files: written.size, leftOut }
}
