import type { ReactNode } from 'react'
import type { ConllDocstart } from '../../../shared/formats/formatCodec'

/** The two document lines a CoNLL export can start each document with, and what a reader of the file gets from each. */
const CHOICES: { value: ConllDocstart; line: string; why: ReactNode }[] = [
  { value: 'columns', line: '-DOCSTART- O', why: "The file's columns: every line splits into the same number of fields (pandas, NLTK, seqeval)." },
  {
    value: 'spacy',
    line: '-DOCSTART- -X- O O',
    why: (
      <>
        spaCy's own: <code>spacy convert</code> starts a document only here (it reads <code>-DOCSTART- O</code> as a word); other CoNLL readers take it as a document start too.
      </>
    ),
  },
]

/**
 * CoNLL's document line, shown with the CoNLL format (the CLI's `--conll-docstart columns|spacy`): the file's columns,
 * or spaCy's delimiter `-DOCSTART- -X- O O`, the only line `spacy convert --converter ner` splits documents at.
 */
export function ConllDocstartField({ value, onChange }: { value: ConllDocstart; onChange: (v: ConllDocstart) => void }) {
  return (
    <fieldset className="field wide docstart-field" data-testid="export-conll-docstart">
      <legend>Document start line</legend>
      {CHOICES.map((c) => (
        <label key={c.value} className="check">
          <input type="radio" name="conll-docstart" value={c.value} checked={value === c.value} onChange={() => onChange(c.value)} data-testid={`export-conll-docstart-${c.value}`} />
          <span>
            <code className="docstart-line">{c.line}</code>
            <small className="muted">{c.why}</small>
          </span>
        </label>
      ))}
    </fieldset>
  )
}
