import type { FormatName } from '../../../shared/formats/formatCodec'
import { FIXED_OFFSET_UNIT, fixedUnitReason, unitName } from '../../../shared/formats/exportTraits'
import type { OffsetUnit } from '../../../shared/text/offsets'
import { OffsetsField } from './OffsetsField'

/**
 * The export's offset unit: a choice for the formats that take one (jsonl, CoNLL, …); for a format whose unit is
 * its own (brat, spaCy, Prodigy, doccano, Label Studio: code points; WebAnno TSV, XMI: UTF-16) the unit it writes,
 * read-only, with why, from the table the export's own warning reads (shared/formats/exportTraits.ts).
 */
export function ExportOffsetsField({ format, value, onChange }: { format: FormatName; value: OffsetUnit; onChange: (unit: OffsetUnit) => void }) {
  const fixed = FIXED_OFFSET_UNIT[format]
  if (!fixed) return <OffsetsField label="Offsets" value={value} onChange={onChange} />
  const reason = fixedUnitReason(format) ?? ''
  return (
    <div className="field" data-testid="export-offsets-fixed">
      <span>Offsets</span>
      <output title={reason}>{unitName(fixed).replace(/^./u, (c) => c.toUpperCase())}</output>
      <small className="muted">{`${reason.replace(/^offsets are in [^,]+, /u, '')}; not a choice for this format`}</small>
    </div>
  )
}
