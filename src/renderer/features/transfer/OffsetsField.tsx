import type { OffsetUnit } from '../../../shared/text/offsets'

/** How offsets count: code points (most tools) or UTF-16 units (JavaScript). */
export function OffsetsField({ label, value, onChange }: { label: string; value: OffsetUnit; onChange: (unit: OffsetUnit) => void }) {
  return (
    <label className="field">
      <span>{label}</span>
      <select value={value} onChange={(e) => onChange(e.target.value as OffsetUnit)}>
        <option value="codepoint">Code points (Python, spaCy, brat)</option>
        <option value="utf16">UTF-16 units (JavaScript)</option>
      </select>
    </label>
  )
}
