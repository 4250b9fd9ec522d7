import fs from 'node:fs'

/**
 * A native-JSONL import file of `docs` documents with `spansPerDoc` PERSON
 * spans each (the news schema's label), written line by line so a million
 * spans never sit in memory.
 */
export function writeBigImportFile(file: string, docs: number, spansPerDoc = 10): void {
  const text = 'Kerry met Michel in Brussels on Monday and they talked about Paris. '.repeat(2)
  const fd = fs.openSync(file, 'w')
  try {
    let batch = ''
    for (let d = 0; d < docs; d++) {
      const spans = Array.from({ length: spansPerDoc }, (_, s) => ({ start: s * 10, end: s * 10 + 5, label: 'PERSON' }))
      batch += `${JSON.stringify({ id: `big-${d}`, text, spans, annotator: 'importer' })}\n`
      if (batch.length > 1 << 20) {
        fs.writeSync(fd, batch)
        batch = ''
      }
    }
    fs.writeSync(fd, batch)
  } finally {
    fs.closeSync(fd)
  }
}
