import { createRequire } from 'node:module'
import zlib from 'node:zlib'
import type { EncodeContext, ExportLayer } from '../../../shared/formats/formatCodec'
import { DocBinBuilder } from '../../../shared/formats/spacyDocBin/docBinBuild'

/**
 * The bytes of a spaCy DocBin (`.spacy`) holding `layers`: the shared
 * builder's message, msgpack-encoded and zlib-compressed as DocBin.to_bytes
 * does. A DocBin is one msgpack map, so the whole file is built in memory, as
 * spaCy builds it.
 */
export function docBinBytes(layers: Iterable<ExportLayer>, ctx: EncodeContext): Uint8Array {
  const { builder, finish } = docBin()
  builder.addAll(layers, ctx)
  return finish()
}

/**
 * The same, giving the event loop a turn every few hundred layers (`pause`): a cancel reaches an export as a message,
 * which a build in one synchronous run would see only once the file was written.
 */
export async function docBinBytesPausing(layers: Iterable<ExportLayer>, ctx: EncodeContext, pause: () => Promise<void>): Promise<Uint8Array> {
  const { builder, finish } = docBin()
  let n = 0
  for (const layer of DocBinBuilder.layersOf(layers, ctx)) {
    builder.add(layer)
    if (++n % 200 === 0) await pause()
  }
  builder.warnTotals(ctx)
  return finish()
}

function docBin() {
  // Required here, at the first DocBin export: API threads that never write one do not load it at start (h96).
  const { Encoder, encode } = createRequire(import.meta.url)('@msgpack/msgpack') as typeof import('@msgpack/msgpack')
  // One encoder for every Doc's span groups: a new one a call was a third of the export's time.
  const encoder = new Encoder()
  const builder = new DocBinBuilder((v) => encoder.encode(v))
  return { builder, finish: () => zlib.deflateSync(encode(builder.message())) }
}
