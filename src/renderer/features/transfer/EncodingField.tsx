import { ENCODING_TITLES, TEXT_ENCODINGS } from '../../../shared/formats/textEncoding'
import type { TextEncoding } from '../../../shared/formats/textEncoding'

/** The encoding of text files without a byte-order mark, as the CLI's --encoding (a file's BOM still wins). */
export function EncodingField({ value, onChange }: { value: TextEncoding; onChange: (e: TextEncoding) => void }) {
  return (
    <label className="field">
      <span>Encoding of the files</span>
      <select value={value} onChange={(e) => onChange(e.target.value as TextEncoding)} data-testid="import-encoding">
        {TEXT_ENCODINGS.map((e) => (
          <option key={e} value={e}>
            {e === 'utf-8' ? 'UTF-8 (or as a byte-order mark says)' : ENCODING_TITLES[e]}
          </option>
        ))}
      </select>
    </label>
  )
}
