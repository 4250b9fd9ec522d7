import zlib from 'node:zlib'
import { Encoder, encode } from '@msgpack/msgpack'
import type { EncodeContext, ExportLayer } from '../../../shared/formats/formatCodec'
import { DocBinBuilder } from '../../../shared/formats/spacyDocBin/docBinBuild'

/**
 * The bytes of a spaCy DocBin (`.spacy`) holding `layers`: the shared
 * builder's message, msgpack-encoded and zlib-compressed as DocBin.to_bytes
 * does. A DocBin is one msgpack map, so the whole file is built in memory, as
 * spaCy builds it.
 */
export function docBinBytes(layers: Iterable<ExportLayer>, ctx: EncodeContext): Uint8Array {
  // One encoder for every Doc's span groups: a new one a call was a third of the export's time.
  const encoder = new Encoder()
  const builder = new DocBinBuilder((v) => encoder.encode(v))
  builder.addAll(layers, ctx)
  return zlib.deflateSync(encode(builder.message()))
}
