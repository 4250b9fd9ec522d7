/** Extensions of files holding JSON: one value, or one record a line. */
export const JSON_EXTENSIONS: ReadonlySet<string> = new Set(['.json', '.jsonl', '.ndjson'])

/** Token-per-line extensions: CoNLL whatever the content (a `.tsv` or `.txt` is CoNLL only when its lines are). */
export const TOKEN_EXTENSIONS: ReadonlySet<string> = new Set(['.conll', '.conll03', '.conllu', '.bio', '.iob', '.iob2', '.bioes', '.iobes', '.bilou', '.biluo'])

/**
 * Every extension (compared in lower case) of a file the import reads by itself: plain text and brat, JSON and
 * JSON lines, token-per-line CoNLL, WebAnno TSV, doccano's and Label Studio's CSV, XMI (and XML declaring it), ZIP
 * archives, spaCy DocBins and other workspaces. The import dialog's file chooser offers these, and a folder's files
 * with them are read, never passed over as "not a file the import reads".
 */
export const IMPORT_FILE_EXTENSIONS: readonly string[] = ['.txt', '.ann', ...JSON_EXTENSIONS, ...TOKEN_EXTENSIONS, '.tsv', '.csv', '.xmi', '.xml', '.zip', '.spacy', '.spanwright']
