// The one place the services reach the format codecs (the shared registry),
// so the import and export sides agree on names and detection.
export { detectFormat, STREAM_FORMATS, streamCodec } from '../../../shared/formats/registry'
