import type { FileFilter } from 'electron'
import type { FormatName } from '../../shared/formats/formatCodec'

/** What the open dialog shows first: every file an import can read (it detects the format), then anything. */
export function importFileFilters(): FileFilter[] {
  return [
    { name: 'Annotations (JSONL, JSON, CoNLL, WebAnno TSV, Label Studio CSV, brat, UIMA XMI (or a ZIP of them), spaCy DocBin, text, Spanwright)', extensions: ['jsonl', 'json', 'conll', 'conll03', 'conllu', 'bio', 'iob', 'iob2', 'tsv', 'csv', 'ann', 'txt', 'xmi', 'zip', 'spacy', 'spanwright'] },
    { name: 'All files', extensions: ['*'] },
  ]
}

/** The extension an export of `format` is saved with (as the download-only export names it). */
export function exportExtension(format: FormatName): string {
  if (format === 'labelstudio' || format === 'spacy') return 'json'
  if (format === 'conll') return 'conll'
  if (format === 'spacy-docbin') return 'spacy'
  if (format === 'txt') return 'txt'
  if (format === 'brat' || format === 'webanno-tsv' || format === 'xmi') return ''
  return 'jsonl'
}

/** The save dialog's filter: the format's extension; brat writes a folder, so it has none. */
export function exportFileFilters(format: FormatName): FileFilter[] {
  const ext = exportExtension(format)
  return ext ? [{ name: `${format} (.${ext})`, extensions: [ext] }] : []
}
