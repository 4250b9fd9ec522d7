import { useState } from 'react'
import { ENCODING_TITLES, isSingleByte, TEXT_ENCODINGS } from '../../../shared/formats/textEncoding'

/** The encoding chosen, and whether a UTF-8 file is read in it anyway (the CLI's --force-encoding). */
export interface EncodingChoice {
  name: string
  force: boolean
}

const OTHER = '__other'

/**
 * The encoding of text files without a byte-order mark, as the CLI's --encoding (a file's BOM still wins): the common
 * ones listed, any other WHATWG name typed in (checked by the import). A single-byte one offers "Read as chosen", for
 * a file the import would refuse as UTF-8.
 */
export function EncodingField({ value, onChange }: { value: EncodingChoice; onChange: (e: EncodingChoice) => void }) {
  const listed = (TEXT_ENCODINGS as readonly string[]).includes(value.name)
  const [other, setOther] = useState(!listed)
  return (
    <>
      <label className="field">
        <span>Encoding of the files</span>
        <select
          value={other ? OTHER : value.name}
          onChange={(e) => {
            const v = e.target.value
            setOther(v === OTHER)
            onChange({ name: v === OTHER ? '' : v, force: false })
          }}
          data-testid="import-encoding"
        >
          {TEXT_ENCODINGS.map((e) => (
            <option key={e} value={e}>
              {e === 'utf-8' ? 'UTF-8 (or as a byte-order mark says)' : ENCODING_TITLES[e]}
            </option>
          ))}
          <option value={OTHER}>Other (type its name)…</option>
        </select>
      </label>
      {other && (
        <label className="field">
          <span>Encoding name</span>
          <input value={value.name} onChange={(e) => onChange({ name: e.target.value.trim(), force: false })} placeholder="e.g. windows-1257, iso-8859-7, cp1250" data-testid="import-encoding-name" />
        </label>
      )}
      {value.name && value.name !== 'utf-8' && isSingleByte(value.name.toLowerCase()) && (
        <label className="check">
          <input type="checkbox" checked={value.force} onChange={(e) => onChange({ ...value, force: e.target.checked })} data-testid="import-encoding-force" />
          <span>
            Read as chosen <small className="muted">even a file that is valid UTF-8 (refused otherwise: its accents would be stored wrong)</small>
          </span>
        </label>
      )}
    </>
  )
}
