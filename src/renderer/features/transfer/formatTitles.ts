import type { FormatName } from '../../../shared/formats/formatCodec'

/** How the dialogs name each format. */
export const FORMAT_TITLES: Record<FormatName | 'spanwright', string> = {
  jsonl: 'Spanwright JSONL',
  txt: 'Plain text (.txt)',
  doccano: 'doccano sequence labeling',
  'doccano-rel': 'doccano relation extraction',
  spacy: 'spaCy training data (one JSON array)',
  'spacy-jsonl': 'spaCy training tuples, one a line (JSONL)',
  prodigy: 'Prodigy spans + relations',
  labelstudio: 'Label Studio JSON',
  brat: 'brat standoff (.txt + .ann)',
  conll: 'CoNLL-2003 BIO',
  hf: 'Hugging Face tokens + ner_tags',
  'webanno-tsv': 'WebAnno TSV 3 (INCEpTION, WebAnno)',
  xmi: 'UIMA CAS XMI (INCEpTION, DKPro)',
  'spacy-docbin': 'spaCy DocBin (.spacy, binary)',
  spanwright: 'Another Spanwright workspace',
}
